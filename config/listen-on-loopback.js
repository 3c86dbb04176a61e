// Preloaded into Frappe's socket.io server (Procfile: node --require): Frappe's realtime/index.js
// calls listen(port), which binds every address. A listen() given only a port binds SOCKETIO_HOST
// instead: loopback unless the deployer names another address.
const net = require("net");

const host = process.env.SOCKETIO_HOST || "127.0.0.1";
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
	const onlyPort = typeof args[0] === "number" || /^\d+$/.test(String(args[0]));
	if (onlyPort && (args.length === 1 || typeof args[1] === "function")) {
		args.splice(1, 0, host);
	}
	return listen.apply(this, args);
};
