"""A mail server for the tests, on loopback: stores each message it gets
as NNNN.json (envelope, decoded headers, body text, raw message) in the
folder given, or refuses every one with 550 when asked. Prints its port,
then serves until its standard input closes."""

import email
import email.policy
import json
import os
import socket
import sys

from aiosmtpd.controller import Controller

folder = sys.argv[1]
refuse = len(sys.argv) > 2 and sys.argv[2] == "refuse"


class Handler:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if refuse:
            return "550 5.7.1 refused by the test server"
        self.count += 1
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_to": envelope.rcpt_tos,
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "subject": str(msg["Subject"]),
            "message_id": str(msg["Message-ID"]),
            "charset": msg.get_content_charset(),
            "body": msg.get_content(),
            "raw": raw.decode("ascii", errors="replace"),
        }
        path = os.path.join(folder, f"{self.count:04}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".tmp", path)
        return "250 OK stored"


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
sys.stdin.read()
controller.stop()
