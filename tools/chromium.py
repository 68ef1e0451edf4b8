"""How this project starts Chromium, for the browser tests and the Lighthouse benchmark alike."""

# For a root session in a sandbox with no outside network: no sandbox, no GPU, and none of Chromium's own
# background requests (updates, sync, field trials), which would otherwise show as requests to other hosts.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
