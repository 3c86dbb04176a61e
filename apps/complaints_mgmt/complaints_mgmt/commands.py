"""Bench commands of the app: `complaints-load-demo`, `complaints-generate` and `complaints-serve`."""

import click
import frappe
from frappe.commands import get_site, pass_context


@click.command("complaints-load-demo")
@click.option("--complaints", default=300, show_default=True, help="How many demo complaints to have")
@click.option("--credentials-file", help="File where the demo users' passwords are kept and read back")
@pass_context
def load_demo(context, complaints: int, credentials_file: str | None):
	"""Load the demo organisation, one user per role and complaints in every state (idempotent)."""
	from complaints_mgmt.setup.demo import load_demo as load

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		created = load(complaints=complaints, credentials_file=credentials_file)
		frappe.db.commit()  # the command owns its transaction
	finally:
		frappe.destroy()
	for doctype, count in created.items():
		click.echo(f"{doctype}: {count} created")


@click.command("complaints-generate")
@click.option("--count", type=int, required=True, help="How many complaints to add")
@click.option("--open-share", type=float, default=0.1, show_default=True, help="Share left open")
@click.option("--batch", type=int, default=5000, show_default=True)
@pass_context
def generate(context, count: int, open_share: float, batch: int):
	"""Bulk-insert COUNT synthetic complaints for load tests (no hooks run; fast)."""
	from complaints_mgmt.setup.volume import generate_complaints

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		stats = generate_complaints(count, open_share=open_share, batch_size=batch, progress=click.echo)
	finally:
		frappe.destroy()
	click.echo(f"{stats['inserted']} complaints in {stats['seconds']:.1f} s ({stats['per_second']:.0f}/s)")


@click.command("complaints-serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on")
@click.option("--port", default=8000, show_default=True, type=int)
@pass_context
def serve(context, host: str, port: int):
	"""Serve the site (`--site`, or the bench's default site) for a demo: loopback by default, no debugger.

	On a network, serve the production way: gunicorn behind nginx (README)."""
	from complaints_mgmt.setup.demo_server import serve as run

	run(host=host, port=port, site=context.sites[0] if context.sites else None)


commands = [load_demo, generate, serve]
