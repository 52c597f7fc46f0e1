"""A real SMTP server on loopback for the tests (Debian's python3-aiosmtpd).

Every accepted message is written as an .eml file, with the envelope recipients in an
X-Envelope-To header. Recipients whose local part starts with "tempfail" are refused once
with 451 (a temporary failure), those starting with "permfail" always with 550. A message to a
recipient starting with "slow" is written at once but answered with 250 only two seconds later.
"""
import argparse
import asyncio
import os
import signal
import threading
import uuid

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder):
        self.folder = folder
        self.refused_once = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("permfail"):
            return "550 5.1.1 Mailbox does not exist"
        if local.startswith("tempfail"):
            with self.lock:
                if address not in self.refused_once:
                    self.refused_once.add(address)
                    return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = f"{uuid.uuid4().hex}.eml"
        temporary = os.path.join(self.folder, "." + name + ".part")
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        with open(temporary, "wb") as handle:
            handle.write(("X-Envelope-To: " + ", ".join(envelope.rcpt_tos) + "\r\n").encode("ascii"))
            handle.write(content)
        os.replace(temporary, os.path.join(self.folder, name))
        if any(rcpt.split("@", 1)[0].lower().startswith("slow") for rcpt in envelope.rcpt_tos):
            await asyncio.sleep(2)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Handler(args.dir), hostname="127.0.0.1", port=args.port, decode_data=False)
    controller.start()
    print("READY", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
