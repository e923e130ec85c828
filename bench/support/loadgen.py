"""An open-loop HTTP load generator (asyncio, keep-alive connections) and the percentile it reports,
plus a plain keep-alive client for the few requests a benchmark makes on the side.

Open loop: request i leaves at start + i / rate whatever the earlier ones are doing, so a slow server
shows as latency rather than as fewer requests. Latency is measured per request, from sending to the
last byte. The only request sent twice is one whose idle keep-alive connection the server had closed
before answering (as any HTTP client does); it is counted as a stale-connection retry.
"""

import asyncio
import http.client
import json
import time
from dataclasses import dataclass

from .processes import KEEP_ALIVE_S

# gunicorn closes an idle keep-alive connection after KEEP_ALIVE_S; one idle for longer than this is
# not reused (a burst leaves extra connections idle that long).
REUSE_IDLE_S = KEEP_ALIVE_S - 5


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted values lie (nearest rank, rounding down): the
    figures printed since the first runs, so they stay comparable."""
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    token: str
    body: dict | None
    kind: str  # what the figures group by ("list", "detail", "history", "score", ...)

    @property
    def accepted(self) -> tuple[int, ...]:
        return (200, 201) if self.method == "POST" else (200,)


class Client:
    """One keep-alive connection, authenticated with an API token, for use from one thread."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None

    def request(self, method: str, path: str, token: str, body: dict | None = None) -> tuple[int, bytes]:
        headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        payload = None
        if body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            reused = self.connection is not None
            if not reused:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
            try:
                self.connection.request(method, path, body=payload, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed before answering: once more on a new one.
                # Nothing else is retried (a timeout may hide a request that did succeed).
                self.connection.close()
                self.connection = None
                if reused and attempt == 1:
                    continue
                raise
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
            return response.status, data
        raise AssertionError("unreachable")


class Load:
    """Sends ``requests`` at ``rate`` a second to 127.0.0.1:``port``, each at its planned time, with a
    pool of keep-alive connections (a new one whenever all are busy), so the generator never waits
    for the server before sending the next request. ``run()`` returns when every answer is in."""

    def __init__(self, port: int, requests: list[Request], rate: float):
        self.port = port
        self.requests = requests
        self.rate = rate
        self.results: list[tuple[str, int, float]] = []  # (kind, status, ms)
        self.late_ms: list[float] = []  # how late each request left, against its plan
        self.accepted_by_kind: dict[str, int] = {}
        self.errors: list[str] = []
        self.stale_retries = 0  # requests sent again on a new connection (the idle one was closed by the server)
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []  # with when it was last used
        self.started = 0.0
        self.finished = 0.0

    @property
    def latencies_ms(self) -> list[float]:
        return [ms for _, _, ms in self.results]

    @property
    def duration_s(self) -> float:
        return self.finished - self.started

    def run(self) -> None:
        asyncio.run(self._run())

    async def _run(self) -> None:
        self.started = time.perf_counter()
        pending = []
        for i, request in enumerate(self.requests):
            delay = self.started + i / self.rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            self.late_ms.append(max(0.0, -delay) * 1000)
            pending.append(asyncio.create_task(self._one(request)))
        await asyncio.gather(*pending)
        self.finished = time.perf_counter()
        for _reader, writer, _since in self.idle:
            writer.close()

    async def _one(self, request: Request) -> None:
        begin = time.perf_counter()
        try:
            status, data = await self._send(request)
        except Exception as error:  # noqa: BLE001 - every failure is counted and named
            status, data = 0, repr(error).encode()
        ms = (time.perf_counter() - begin) * 1000
        self.results.append((request.kind, status, ms))
        if status in request.accepted:
            self.accepted_by_kind[request.kind] = self.accepted_by_kind.get(request.kind, 0) + 1
        else:
            self.errors.append(f"{request.method} {request.path} -> {status} {data[:200]!r}")

    async def _send(self, request: Request) -> tuple[int, bytes]:
        payload = json.dumps(request.body).encode() if request.body is not None else b""
        head = (f"{request.method} {request.path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                f"Authorization: Token {request.token}\r\nAccept: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n"
                + ("Content-Type: application/json\r\n" if request.body is not None else "") + "\r\n").encode()
        for attempt in (1, 2):
            connection = self._idle_connection() if attempt == 1 else None
            reused = connection is not None
            reader, writer = connection or await asyncio.open_connection("127.0.0.1", self.port)
            try:
                writer.write(head + payload)
                await writer.drain()
                status, headers, data = await _read_response(reader)
            except (ConnectionError, asyncio.IncompleteReadError, ValueError):
                writer.close()
                if reused:
                    self.stale_retries += 1
                    continue  # a keep-alive connection the server had just closed: once more, on a new one
                raise
            if headers.get("connection", "").lower() == "close":
                writer.close()
            else:
                self.idle.append((reader, writer, time.monotonic()))
            return status, data
        raise AssertionError("unreachable")

    def _idle_connection(self):
        """The most recently used idle connection that the server has not closed for idleness yet."""
        while self.idle:
            reader, writer, since = self.idle.pop()
            if time.monotonic() - since < REUSE_IDLE_S:
                return reader, writer
            writer.close()
        return None


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict, bytes]:
    status_line = await reader.readuntil(b"\r\n")
    status = int(status_line.split()[1])
    headers = {}
    while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        data = b""
        while (size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)) > 0:
            data += await reader.readexactly(size + 2)
            data = data[:-2]
        await reader.readuntil(b"\r\n")
        return status, headers, data
    return status, headers, await reader.readexactly(int(headers.get("content-length", "0")))
