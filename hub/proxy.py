"""configurable-http-proxy, the pure-Python port (requirements-hub.txt), passing websocket subprotocols on.

The port opens the websocket to the Jupyter server with the browser's Sec-WebSocket-Protocol header, but does
not tell the browser which protocol the server chose. JupyterLab asks for its kernel protocol
(v1.kernel.websocket.jupyter.org), so the browser refused every first connection to a kernel ("Sent non-empty
'Sec-WebSocket-Protocol' header but no response was received") and JupyterLab had to reconnect. This answers
with the protocol the server selected, and passes the browser's binary frames on as binary frames (the port
sent them as text, which that protocol cannot read). Run by the hub (hub/jupyterhub_config.py) with the
port's own arguments.
"""

from __future__ import annotations

from configurable_http_proxy import handlers
from configurable_http_proxy.cli import main


def select_subprotocol(self, subprotocols: list[str]) -> str | None:
    client = getattr(self, "ws_client", None)  # connected to the target before the browser's upgrade
    selected = getattr(client, "selected_subprotocol", None)
    return selected if selected in subprotocols else None


def on_message(self, message: str | bytes) -> None:
    """The port's own on_message, sending a binary frame on as binary (it sent every frame as text, which
    breaks the kernel protocol's binary messages)."""
    if self.ws_client:
        prefix = self.target["prefix"] if self.target else ""
        if prefix:
            self.proxy.update_last_activity(prefix)
        self.ws_client.write_message(message, binary=isinstance(message, bytes))


handlers.ProxyHandler.select_subprotocol = select_subprotocol
handlers.ProxyHandler.on_message = on_message

if __name__ == "__main__":
    main()
