// The portal's proof of work (security/guest_challenge.py): before a guest files, looks a complaint up or asks
// for a code, the page asks the server for a challenge and counts until sha256(nonce + counter) starts
// with the challenge's number of zero bits, then sends the counter with the request. Included after
// portal.js; the work yields to the page every few thousand hashes.
(function () {
	const portal = (window.complaintsPortal = window.complaintsPortal || {});
	const K = new Int32Array([
		0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
		0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
		0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
		0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
		0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
		0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
		0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
		0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
	]);
	const W = new Int32Array(64);
	const rotr = (x, n) => (x >>> n) | (x << (32 - n));

	// The first two words of sha256(text), for an ASCII text of at most 55 characters (one block).
	function sha256Head(text) {
		W.fill(0);
		for (let i = 0; i < text.length; i++) W[i >> 2] |= text.charCodeAt(i) << (24 - (i % 4) * 8);
		W[text.length >> 2] |= 0x80 << (24 - (text.length % 4) * 8);
		W[15] = text.length * 8;
		for (let i = 16; i < 64; i++) {
			const a = W[i - 15], b = W[i - 2];
			const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
			const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
			W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
		}
		let a = 0x6a09e667, b = 0xbb67ae85 | 0, c = 0x3c6ef372, d = 0xa54ff53a | 0;
		let e = 0x510e527f, f = 0x9b05688c | 0, g = 0x1f83d9ab, h = 0x5be0cd19;
		for (let i = 0; i < 64; i++) {
			const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
			const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
			h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
		}
		return [(a + 0x6a09e667) >>> 0, (b + 0xbb67ae85) >>> 0];
	}

	function leadingZeroBits(words) {
		if (words[0]) return Math.clz32(words[0]);
		return 32 + Math.clz32(words[1]);
	}

	// The counter for a nonce and a difficulty; yields to the page every 4096 tries.
	portal.solveChallenge = async function (nonce, bits) {
		for (let counter = 0; ; counter++) {
			if (leadingZeroBits(sha256Head(nonce + counter)) >= bits) return String(counter);
			if (counter % 4096 === 4095) await new Promise((resolve) => setTimeout(resolve, 0));
		}
	};

	// portal.post, with a solved challenge added when the server asks guests for one.
	portal.postSolved = async function (method, data) {
		const answer = await portal.post("complaints_mgmt.api.portal.challenge", {});
		if (answer.ok === false) return answer;
		if (answer.required) {
			const solution = await portal.solveChallenge(answer.nonce, answer.bits);
			if (data instanceof FormData) {
				data.set("challenge", answer.challenge);
				data.set("solution", solution);
			} else {
				data = Object.assign({}, data, { challenge: answer.challenge, solution: solution });
			}
		}
		return portal.post(method, data);
	};
})();
