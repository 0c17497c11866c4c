// Lab "pipe": Pipe() between MainProcess and one child: ping-pong, then EOF.
//
//   def child(conn):                       # duplex=True: one connection
//       for i in range(messages):
//           x = conn.recv(); time.sleep(work); conn.send(f"pong {x}")
//       conn.close()                       # main's next recv() raises EOFError
//   parent_conn, child_conn = Pipe()
//   p = Process(target=child, args=(child_conn,)); p.start()
//   child_conn.close()                     # else main would never see EOF
//   for i in range(messages): parent_conn.send(i); print(parent_conn.recv())
//   parent_conn.recv()                     # EOFError
//
// duplex=False: Pipe(False) returns (receive end, send end), so ping-pong
// needs two pipes; main first tries to send on a receive-only end and gets
// "connection is read-only".
#include "pipe.h"
#include "labs.h"
#include "runtime.h"
#include "translatable.h"

namespace proclab::labs {
namespace {

// args: receive end, send end (the same handle when duplex), messages, work ms
void pipeChild(const Args &a)
{
    Connection in = Connection::fromHandle(a.at(0).toString());
    Connection outOwned;
    const bool duplex = a.at(1).toString() == a.at(0).toString();
    if (!duplex)
        outOwned = Connection::fromHandle(a.at(1).toString());
    Connection &out = duplex ? in : outOwned;
    for (std::int64_t i = 0; i < a.at(2).toInt(); ++i) {
        const Arg x = in.recv();
        sleep_ms(a.at(3).toInt());
        out.send(Arg("pong " + x.repr()));
    }
    print(current_process_name(), "closes its end of the pipe");
    out.close();
}
PROCLAB_TARGET(pipeChild);

void mainFn(const ParamValues &p, Summary &summary)
{
    const bool duplex = p.boolean("duplex");
    const std::int64_t messages = p.integer("messages");
    std::int64_t sent = 0, received = 0;
    bool inOrder = true, eof = false;
    std::string sendError;

    // Main receives on `fromChild` and sends on `toChild`; the child the other way round.
    Connection fromChild, toChild, childIn, childOut;
    if (duplex) {
        auto [parentConn, childConn] = Pipe(true, "pipe");
        fromChild = std::move(parentConn);
        childIn = std::move(childConn);
    } else {
        auto [childReceives, mainSends] = Pipe(false, "to_child");
        auto [mainReceives, childSends] = Pipe(false, "to_main");
        toChild = std::move(mainSends);
        childIn = std::move(childReceives);
        fromChild = std::move(mainReceives);
        childOut = std::move(childSends);
        try {
            fromChild.send(Arg("hello")); // the receive end of Pipe(duplex=False)
        } catch (const ProcessError &e) {
            sendError = e.what();
            print("send() on the receive end raised:", sendError);
        }
    }
    Connection &send = duplex ? fromChild : toChild;
    const std::string childInHandle = childIn.handle();
    Process child(pipeChild, Args{childInHandle, duplex ? childInHandle : childOut.handle(),
                                  messages, p.integer("work_ms")});
    child.start();
    // Close main's copies of the child's ends: a reader sees EOF only when
    // every copy of the other end is closed.
    childIn.close();
    childOut.close();

    for (std::int64_t i = 0; i < messages; ++i) {
        send.send(Arg(i));
        ++sent;
        const Arg reply = fromChild.recv();
        ++received;
        inOrder = inOrder && reply.isString() && reply.toString() == "pong " + std::to_string(i);
        print("main got", reply.toString());
    }
    try {
        fromChild.recv();
        print("main got a message after the child closed its end (unexpected)");
    } catch (const EOFError &) {
        eof = true;
        print("recv() raised EOFError: the child closed its end and the pipe is drained");
    }
    child.join();
    summary.set(QT_TRANSLATE_NOOP("Summary", "duplex"), duplex);
    summary.set(QT_TRANSLATE_NOOP("Summary", "messages_sent"), sent);
    summary.set(QT_TRANSLATE_NOOP("Summary", "messages_received"), received);
    summary.set(QT_TRANSLATE_NOOP("Summary", "replies_in_order"), inOrder);
    summary.set(QT_TRANSLATE_NOOP("Summary", "eof_seen"), eof);
    summary.set(QT_TRANSLATE_NOOP("Summary", "send_error"), sendError);
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
            "Lab", "Two processes talk through Pipe(); closing one end gives the other EOFError."),
        {
            ParamSpec::boolean(
                "duplex", true,
                QT_TRANSLATE_NOOP("Lab",
                                  "Pipe(duplex): both ends send and receive, or (receive, send)")),
            ParamSpec::integer("messages", 1, 1000, 5,
                               QT_TRANSLATE_NOOP("Lab", "Ping-pong rounds")),
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
