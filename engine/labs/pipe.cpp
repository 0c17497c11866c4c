// Lab "pipe": Pipe() between MainProcess and one child: ping-pong, then EOF
// (resources/notes/pipe.py).
//
//   def child(conn, other, work_ms):
//       other.close()                      # the child's copy of main's end
//       try:
//           while True:
//               msg = conn.recv(); time.sleep(work); conn.send(msg.replace("ping", "pong"))
//       except EOFError: ...               # main closed its end: nothing more will come
//       except OSError: ...                # duplex=False: conn can only send
//   a, b = Pipe(duplex)
//   p = Process(target=child, args=(b, a, work_ms)); p.start(); b.close()
//   for i in range(messages): a.send(f"ping {i}"); print(a.recv())   # OSError if not duplex
//   a.close(); p.join()
//
// duplex=False is ONE one-way pipe: a only receives, b only sends. The
// ping-pong cannot work: main's send() raises "connection is read-only" and
// the child's recv() "connection is write-only", as in Python.
#include "pipe.h"
#include "labs.h"
#include "labutil.h"
#include "runtime.h"
#include "translatable.h"

namespace proclab::labs {
namespace {

// args: the child's end, main's end (closed at once), work ms, report fd
void pipeChild(const Args &a)
{
    auto [conn, mainEnd, workMs, reportFd] =
        unpack<Connection, Connection, std::int64_t, int>(a);
    mainEnd.close(); // else EOF never comes
    std::int64_t eof = 0, refused = 0;
    try {
        for (;;) {
            const Arg msg = conn.recv();
            sleep_ms(workMs);
            std::string reply = msg.toString();
            if (reply.rfind("ping", 0) == 0)
                reply.replace(0, 4, "pong");
            conn.send(Arg(reply));
        }
    } catch (const EOFError &) {
        print("the parent closed its end: the child's recv() raised EOFError");
        eof = 1;
    } catch (const ProcessError &e) {
        print("the child's recv() refused:", e.what());
        refused = 1;
    }
    print("eof_seen:", eof ? "True" : "False");
    print("recv_error:", refused ? "connection is write-only" : "");
    ReportPipe::send(reportFd, eof);
    ReportPipe::send(reportFd, refused);
}
PROCLAB_TARGET(pipeChild);

void mainFn(const ParamValues &p, Summary &summary)
{
    const bool duplex = p.boolean("duplex");
    std::int64_t sent = 0, received = 0;
    bool inOrder = true;
    std::string sendError;

    auto [a, b] = Pipe(duplex, "pipe"); // duplex=False: a only receives, b only sends
    ReportPipe report;                  // what only the child knows, for the summary
    Process child(pipeChild, Args{b.handle(), a.handle(), p.integer("work_ms"), report.writeFd()});
    child.start();
    report.closeWriteEnd();
    b.close(); // main keeps only its own end
    try {
        for (std::int64_t i = 0; i < p.integer("messages"); ++i) {
            const std::string ping = "ping " + std::to_string(i);
            a.send(Arg(ping));
            ++sent;
            const Arg reply = a.recv();
            ++received;
            inOrder = inOrder && reply.isString() && reply.toString() == "pong " + std::to_string(i);
            print("parent got", reply.toString());
        }
    } catch (const ProcessError &e) {
        sendError = e.what();
        print("the parent's send() refused:", sendError);
    }
    a.close();
    std::int64_t eof = 0, refused = 0;
    report.read(&eof);
    report.read(&refused);
    child.join();
    summary.set(QT_TRANSLATE_NOOP("Summary", "duplex"), duplex);
    summary.set(QT_TRANSLATE_NOOP("Summary", "messages_sent"), sent);
    summary.set(QT_TRANSLATE_NOOP("Summary", "messages_received"), received);
    summary.set(QT_TRANSLATE_NOOP("Summary", "replies_in_order"), inOrder);
    summary.set(QT_TRANSLATE_NOOP("Summary", "eof_seen"), eof != 0);
    summary.set(QT_TRANSLATE_NOOP("Summary", "send_error"), sendError);
    summary.set(QT_TRANSLATE_NOOP("Summary", "recv_error"),
                std::string(refused ? "connection is write-only" : ""));
    summary.set(QT_TRANSLATE_NOOP("Summary", "child_exitcode"), child.exitcode().value_or(-1000));
}

std::string check(const ParamValues &p)
{
    if (p.integer("messages") * p.integer("work_ms") > 60000)
        return fillPattern(
            QT_TRANSLATE_NOOP("Params",
                              "messages × work_ms must be at most 60000 ms (one minute), got %1"),
            {std::to_string(p.integer("messages") * p.integer("work_ms"))});
    return {};
}

} // namespace

const LabInfo &pipeLab()
{
    static const LabInfo lab{
        "pipe",
        QT_TRANSLATE_NOOP("Lab", "Pipe: ping-pong and EOF"),
        QT_TRANSLATE_NOOP("Lab", "4. Inter-process communication"),
        QT_TRANSLATE_NOOP(
            "Lab", "Two processes talk through Pipe(); when the parent closes its end, the child's "
                   "recv() raises EOFError."),
        {
            ParamSpec::boolean(
                "duplex", true,
                QT_TRANSLATE_NOOP("Lab", "Pipe(duplex): both ends send and receive, or one "
                                         "one-way pipe (a receive-only and a send-only end)"))
                .definesRun(),
            ParamSpec::integer("messages", 1, 1000, 5, QT_TRANSLATE_NOOP("Lab", "Ping-pong rounds"))
                .definesRun(),
            ParamSpec::integer("work_ms", 0, 2000, 100,
                               QT_TRANSLATE_NOOP("Lab", "The child's work before each reply"),
                               QT_TRANSLATE_NOOP("Lab", "ms")),
        },
        mainFn,
        check,
    };
    return lab;
}

} // namespace proclab::labs
