// Runtime semantics (docs/SEMANTICS.md), checked with real processes.
//
// This test process is multi-threaded, and lab code may only fork from a
// single-threaded process, so every scenario runs in runtime_scenarios
// (tests/test-clients/), which prints what it observed as one JSON object.
// Each row runs one scenario with one start method and compares the fields it
// names; a few checks that are not equalities follow in the test functions.
//
// This process is a child subreaper: anything the client leaves behind is
// re-parented here, so "no descendants after the client exited" also catches
// orphans, and cleanup() can kill and reap them before the next row.

#include "processcensus.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace proclab::test;

namespace {

constexpr int kClientTimeoutMs = 20000;
const QString kLimitMessage =
    QStringLiteral("process limit reached: a lab may create at most 128 processes");

QString text(const QJsonValue &v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString text(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject merged(QJsonObject base, const QJsonObject &more)
{
    for (auto it = more.begin(); it != more.end(); ++it)
        base.insert(it.key(), it.value());
    return base;
}

void addColumns()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("expected");
}

// One row per start method: "<what> (fork)" and "<what> (spawn)".
void addBothMethods(const char *what, const char *scenario, const QJsonObject &expected,
                    const QJsonObject &forkOnly = {}, const QJsonObject &spawnOnly = {})
{
    QTest::addRow("%s (fork)", what) << scenario << "fork" << merged(expected, forkOnly);
    QTest::addRow("%s (spawn)", what) << scenario << "spawn" << merged(expected, spawnOnly);
}

} // namespace

class TestRuntime : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void misuseRaisesPythonsError_data();
    void misuseRaisesPythonsError();
    void locksFollowPython_data();
    void locksFollowPython();
    void exitcodeFollowsPython_data();
    void exitcodeFollowsPython();
    void joinWithTimeoutReturnsWhileAlive_data();
    void joinWithTimeoutReturnsWhileAlive();
    void pidIsUnsetUntilStart_data();
    void pidIsUnsetUntilStart();
    void processMayBeJoinedTwice_data();
    void processMayBeJoinedTwice();
    void defaultNamesFollowIdentity_data();
    void defaultNamesFollowIdentity();
    void runCalledDirectlyStaysInCaller_data();
    void runCalledDirectlyStaysInCaller();
    void globalsAreIsolated_data();
    void globalsAreIsolated();
    void mainExitTerminatesDaemonsThenJoins_data();
    void mainExitTerminatesDaemonsThenJoins();
    void finishedChildIsZombieUntilReaped_data();
    void finishedChildIsZombieUntilReaped();
    void processCapRefusesWithoutForking_data();
    void processCapRefusesWithoutForking();
    void traceRecordsEveryExit_data();
    void traceRecordsEveryExit();
    void terminateRightAfterStartKeepsTraceIntact_data();
    void terminateRightAfterStartKeepsTraceIntact();
    void subclassRunsAsProcess_data();
    void subclassRunsAsProcess();
    void terminateSkipsCleanup_data();
    void terminateSkipsCleanup();
    void queuesFollowPython_data();
    void queuesFollowPython();
    void pipesFollowPython_data();
    void pipesFollowPython();
    void managerFollowsPython_data();
    void managerFollowsPython();
    void managerShutsDownAtMainExit();
    void queueTimeoutsWaitBeforeRaising_data();
    void queueTimeoutsWaitBeforeRaising();
    void worksWithoutPidfd_data();
    void worksWithoutPidfd();
    void barrierFollowsPython_data();
    void barrierFollowsPython();

private:
    // Runs the row's scenario, compares `expected`, leaves the whole report in m_got.
    void checkRow();
    void runScenario(const QString &scenario, const QString &method);

    QJsonObject m_got;
    QString m_denyPidfd; // PROCLAB_TEST_DENY_PIDFD for the client (empty: none)
};

void TestRuntime::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(PROCLAB_RUNTIME_SCENARIOS)).isExecutable(),
             PROCLAB_RUNTIME_SCENARIOS " is not built");
    QCOMPARE(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    const auto before = descendantsOf(QCoreApplication::applicationPid());
    QVERIFY2(before.isEmpty(), qPrintable(describe(before)));
}

// A failed row must not leave processes to the next one: kill what is left and
// reap what was re-parented here, level by level.
void TestRuntime::cleanup()
{
    m_got = {};
    m_denyPidfd.clear();
    const pid_t self = ::getpid();
    for (int round = 0; round < 64; ++round) {
        const auto left = descendantsOf(self);
        if (left.isEmpty())
            return;
        for (const auto &p : left)
            ::kill(p.pid, SIGKILL);
        for (const auto &p : left)
            if (p.ppid == self)
                ::waitpid(p.pid, nullptr, 0);
    }
    QFAIL(qPrintable("cannot clean up: " + describe(descendantsOf(self))));
}

void TestRuntime::runScenario(const QString &scenario, const QString &method)
{
    QProcess client;
    client.setProgram(QStringLiteral(PROCLAB_RUNTIME_SCENARIOS));
    client.setArguments({scenario, method});
    if (!m_denyPidfd.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PROCLAB_TEST_DENY_PIDFD"), m_denyPidfd);
        client.setProcessEnvironment(env);
    }
    // Its own process group, so a hung client is stopped with all it started.
    client.setChildProcessModifier([] { ::setpgid(0, 0); });
    client.start();
    QVERIFY2(client.waitForStarted(kClientTimeoutMs), qPrintable(client.errorString()));
    const pid_t group = pid_t(client.processId());
    if (!client.waitForFinished(kClientTimeoutMs)) {
        ::kill(-group, SIGKILL);
        client.waitForFinished(kClientTimeoutMs);
        QFAIL(qPrintable(QStringLiteral("%1 %2 hung for %3 ms; stderr: %4")
                             .arg(scenario, method)
                             .arg(kClientTimeoutMs)
                             .arg(QString::fromUtf8(client.readAllStandardError()))));
    }
    const QByteArray out = client.readAllStandardOutput().trimmed();
    const QString err = QString::fromUtf8(client.readAllStandardError());

    const auto left = descendantsOf(QCoreApplication::applicationPid());
    QVERIFY2(left.isEmpty(), qPrintable("left behind: " + describe(left)));

    QVERIFY2(client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0,
             qPrintable(QStringLiteral("client exit %1, stdout: %2, stderr: %3")
                            .arg(client.exitCode())
                            .arg(QString::fromUtf8(out), err)));
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(out.split('\n').last(), &parseError);
    QVERIFY2(doc.isObject(), qPrintable("not a JSON object: " + QString::fromUtf8(out)));
    m_got = doc.object();
    QVERIFY2(!m_got.contains(QLatin1String("client_error")), qPrintable(text(m_got)));
}

void TestRuntime::checkRow()
{
    QFETCH(QString, scenario);
    QFETCH(QString, method);
    QFETCH(QJsonObject, expected);
    QVERIFY(!expected.isEmpty());
    runScenario(scenario, method);
    if (QTest::currentTestFailed())
        return;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        QVERIFY2(m_got.contains(it.key()),
                 qPrintable(QStringLiteral("no \"%1\" in %2").arg(it.key(), text(m_got))));
        QVERIFY2(m_got.value(it.key()) == it.value(),
                 qPrintable(QStringLiteral("%1: expected %2, got %3 (all: %4)")
                                .arg(it.key(), text(it.value()), text(m_got.value(it.key())),
                                     text(m_got))));
    }
}

// ---- misuse --------------------------------------------------------------------

void TestRuntime::misuseRaisesPythonsError_data()
{
    addColumns();
    // The first start forked one child; the second forks nothing.
    addBothMethods("start twice", "start_twice",
                   {{"error", "cannot start a process twice"},
                    {"children_after_second_start", 1},
                    {"exitcode", 0}});
    QTest::newRow("join before start")
        << "join_before_start"
        << "fork"
        << QJsonObject{
               {"error", "can only join a started process"}, {"is_alive", false}, {"children", 0}};
    addBothMethods("set_daemon after start", "set_daemon_after_start",
                   {{"error", "process has already started"}, {"daemon", false}, {"exitcode", 0}});
    // Uncaught in the daemon's body: exitcode 1, the grandchild never starts.
    addBothMethods("daemon starts a child", "daemon_starts_child",
                   {{"error", "daemonic processes are not allowed to have children"},
                    {"grandchild_inherits_daemon", true},
                    {"grandchild_started", false},
                    {"exitcode", 1}});
    QTest::newRow("spawn of an unregistered target")
        << "spawn_unregistered_target"
        << "spawn"
        << QJsonObject{{"error",
                        "cannot spawn Process-1: its target is not registered with PROCLAB_TARGET"},
                       {"pid", QJsonValue::Null},
                       {"children", 0}};
}

void TestRuntime::misuseRaisesPythonsError()
{
    checkRow();
}

// ---- locks -------------------------------------------------------------------------

void TestRuntime::locksFollowPython_data()
{
    addColumns();
    QTest::newRow("releasing an unlocked Lock")
        << "lock_release_unlocked"
        << "fork" << QJsonObject{{"error", "semaphore or lock released too many times"}};
    QTest::newRow("RLock: owner only, re-entrant")
        << "rlock_rules"
        << "fork"
        << QJsonObject{{"error", "cannot release un-acquired lock"},
                       {"first", true},
                       {"reentrant", true},
                       {"error_after_balanced_release", "cannot release un-acquired lock"}};
    // exit code 3: the child did not get the lock; 0: it did.
    addBothMethods("Lock held by another process", "lock_held_elsewhere",
                   {{"nonblocking_exitcode", 3},
                    {"timed_exitcode", 3},
                    {"timed_waited_at_least_50ms", true},
                    {"releaser_exitcode", 0},
                    {"acquired_after_foreign_release", true}});
    QTest::newRow("contended: a release wakes only when someone sleeps")
        << "lock_wakes_only_for_sleepers"
        << "fork"
        << QJsonObject{{"reports", true},
                       {"wakes_at_most_two_per_wait", true},
                       {"at_most_all_increments", true}};
    QTest::newRow("a sleeping waiter is woken by the release")
        << "lock_release_wakes_the_sleeper"
        << "fork"
        << QJsonObject{{"ready", true}, {"slept", true}, {"timed_out", 0}, {"exitcode", 0}};
}

void TestRuntime::locksFollowPython()
{
    checkRow();
}

// ---- exit codes ------------------------------------------------------------------

void TestRuntime::exitcodeFollowsPython_data()
{
    addColumns();
    addBothMethods("return -> 0", "exit_return", {{"exitcode", 0}, {"is_alive", false}});
    addBothMethods("exit(7) -> 7", "exit_seven", {{"exitcode", 7}, {"is_alive", false}});
    addBothMethods("uncaught error -> 1", "exit_throw", {{"exitcode", 1}, {"is_alive", false}});
    addBothMethods(
        "terminate() -> -15", "exit_terminate",
        {{"exitcode_while_running", QJsonValue::Null}, {"exitcode", -15}, {"is_alive", false}});
    addBothMethods(
        "kill() -> -9", "exit_kill",
        {{"exitcode_while_running", QJsonValue::Null}, {"exitcode", -9}, {"is_alive", false}});
}

void TestRuntime::exitcodeFollowsPython()
{
    checkRow();
}

// ---- join --------------------------------------------------------------------------

void TestRuntime::joinWithTimeoutReturnsWhileAlive_data()
{
    addColumns();
    // The child blocks on a pipe: it cannot end by itself during join(0.05).
    addBothMethods("join(0.05) on a blocked child", "join_timeout",
                   {{"alive_after_timed_join", true},
                    {"exitcode_after_timed_join", QJsonValue::Null},
                    {"exitcode", -15},
                    {"alive_after_join", false}});
}

void TestRuntime::joinWithTimeoutReturnsWhileAlive()
{
    checkRow();
    if (QTest::currentTestFailed())
        return;
    const int waited = m_got.value(QLatin1String("timed_join_ms")).toInt(-1);
    QVERIFY2(waited >= 49 && waited < 5000,
             qPrintable(QStringLiteral("join(0.05) took %1 ms").arg(waited)));
}

void TestRuntime::processMayBeJoinedTwice_data()
{
    addColumns();
    // terminate()/kill() after the reap signal nobody and change nothing.
    addBothMethods("join, join, join(0)", "join_twice",
                   {{"first_join_exitcode", 7},
                    {"second_join_error", ""},
                    {"exitcode", 7},
                    {"exitcode_after_signals", 7}});
}

void TestRuntime::processMayBeJoinedTwice()
{
    checkRow();
}

// ---- pid and names -------------------------------------------------------------------

void TestRuntime::pidIsUnsetUntilStart_data()
{
    addColumns();
    addBothMethods("pid before and after start", "pid",
                   {{"pid_before_start", QJsonValue::Null},
                    {"pid_is_not_own", true},
                    {"pid_matches_child", true},
                    {"exitcode", 0},
                    {"child_recorded_parent_is_self", true},
                    {"raw_fork_child_knows_its_pid", true}});
}

void TestRuntime::pidIsUnsetUntilStart()
{
    checkRow();
    if (QTest::currentTestFailed())
        return;
    const QJsonValue started = m_got.value(QLatin1String("pid_after_start"));
    QVERIFY2(started.isDouble() && started.toInt() > 0, qPrintable(text(m_got)));
    QCOMPARE(m_got.value(QLatin1String("pid_after_join")), started);
}

void TestRuntime::defaultNamesFollowIdentity_data()
{
    addColumns();
    // A named process still takes a number: the next default is Process-4.
    addBothMethods("Process-1, Process-2, Process-1:1", "default_names",
                   {{"main", "MainProcess"},
                    {"first", "Process-1"},
                    {"second", "Process-2"},
                    {"child_sees", "Process-1"},
                    {"grandchild_object", "Process-1:1"},
                    {"grandchild_sees", "Process-1:1"},
                    {"grandchild_exitcode", "0"},
                    {"named", "worker"},
                    {"after_named", "Process-4"},
                    {"exitcode", 0}});
}

void TestRuntime::defaultNamesFollowIdentity()
{
    checkRow();
}

void TestRuntime::runCalledDirectlyStaysInCaller_data()
{
    addColumns();
    QTest::newRow("run() instead of start()")
        << "run_in_caller"
        << "fork"
        << QJsonObject{{"ran_in_caller", true}, {"pid", QJsonValue::Null},
                       {"is_alive", false},     {"children", 0},
                       {"active_children", 0},  {"error", "can only join a started process"}};
}

void TestRuntime::runCalledDirectlyStaysInCaller()
{
    checkRow();
}

// ---- start methods --------------------------------------------------------------------

void TestRuntime::globalsAreIsolated_data()
{
    addColumns();
    // The parent sets the global to 42 (its initialiser gave 100) before start().
    addBothMethods("global changed before start", "isolation",
                   {{"child_changed_to", "7"}, {"parent_after_join", 42}, {"exitcode", 0}},
                   {{"child_saw", "42"}, {"child_initialised_again", false}},
                   {{"child_saw", "100"}, {"child_initialised_again", true}});
}

void TestRuntime::globalsAreIsolated()
{
    checkRow();
}

void TestRuntime::subclassRunsAsProcess_data()
{
    addColumns();
    addBothMethods("class with run()", "subclass",
                   {{"name_in_run", "Process-1"},
                    {"current_process", "Process-1"},
                    {"arg", "hello"},
                    {"self_pid_ok", true},
                    {"self_alive", true},
                    {"exitcode", 5}},
                   {{"fresh_image", false}}, {{"fresh_image", true}});
}

void TestRuntime::subclassRunsAsProcess()
{
    checkRow();
}

// ---- exit of MainProcess, zombies -----------------------------------------------------

void TestRuntime::mainExitTerminatesDaemonsThenJoins_data()
{
    addColumns();
    // The worker can only end once the daemon is gone (it waits for EOF on a
    // pipe only the daemon holds), so a joined worker proves the order.
    addBothMethods("daemon and worker running at main's end", "exit_handler",
                   {{"daemon_alive_at_main_end", true},
                    {"worker_alive_at_main_end", true},
                    {"daemon_exitcode", -15},
                    {"worker_exitcode", 0},
                    {"daemon_terminated_recorded", true},
                    {"worker_joined_at_exit_recorded", true},
                    {"children_left", 0}});
}

void TestRuntime::mainExitTerminatesDaemonsThenJoins()
{
    checkRow();
}

void TestRuntime::finishedChildIsZombieUntilReaped_data()
{
    addColumns();
    const QJsonObject zombie{{"state_before", "Z"},
                             {"gone_after", true},
                             {"exitcode", 7},
                             {"exitcode_after_join", 7},
                             {"reap_recorded_as_zombie", true}};
    addBothMethods("reaped by join()", "zombie_join", zombie);
    QTest::newRow("reaped by is_alive()") << "zombie_is_alive"
                                          << "fork" << merged(zombie, {{"is_alive", false}});
    QTest::newRow("reaped by the next start()") << "zombie_next_start"
                                                << "fork" << merged(zombie, {{"next_exitcode", 0}});
    QTest::newRow("reaped by active_children()")
        << "zombie_active_children"
        << "fork" << merged(zombie, {{"active_children", 0}});
}

void TestRuntime::finishedChildIsZombieUntilReaped()
{
    checkRow();
}

// ---- the process cap --------------------------------------------------------------------

void TestRuntime::processCapRefusesWithoutForking_data()
{
    addColumns();
    // "children" counts this client's children: the refused start forked nothing.
    addBothMethods("last slot taken", "cap_last_slot",
                   {{"error", kLimitMessage},
                    {"children", 1},
                    {"processes_refused", 1},
                    {"refused_pid", QJsonValue::Null},
                    {"refused_is_alive", false},
                    {"exitcode", 0}});
    QTest::newRow("128 processes running (fork)") << "cap_all_processes"
                                                  << "fork"
                                                  << QJsonObject{{"error", kLimitMessage},
                                                                 {"started", 128},
                                                                 {"children", 128},
                                                                 {"processes_refused", 1},
                                                                 {"zero_exits", 128}};
}

void TestRuntime::processCapRefusesWithoutForking()
{
    checkRow();
}

// ---- the trace ----------------------------------------------------------------------------

void TestRuntime::traceRecordsEveryExit_data()
{
    addColumns();
    // A process records its own ProcBegin and Exit, even when terminated (its
    // SIGTERM handler does); only a SIGKILLed one's Exit is written by the
    // reaper, flagged ExitSeenAtReap (1).
    const QJsonObject common{
        {"exited_exitcode", 7},
        {"exited_has_slot", true},
        {"exited_begin_name", "Process-1"},
        {"exited_begin_parent_is_main", true},
        {"exited_own_exits", QJsonArray{7}},
        {"exited_exits_seen_at_reap", QJsonArray{}},
        {"exited_reaped_records", 1},
        {"terminated_exitcode", -15},
        {"terminated_has_slot", true},
        {"terminated_begin_name", "Process-2"},
        {"terminated_begin_parent_is_main", true},
        {"terminated_own_exits", QJsonArray{-15}},
        {"terminated_exits_seen_at_reap", QJsonArray{}},
        {"terminated_reaped_records", 1},
        {"killed_exitcode", -9},
        {"killed_has_slot", true},
        {"killed_begin_name", "Process-3"},
        {"killed_begin_parent_is_main", true},
        {"killed_own_exits", QJsonArray{}},
        {"killed_exits_seen_at_reap", QJsonArray{-9}},
        {"killed_exit_flags_at_reap", QJsonArray{1}},
        {"killed_reaped_records", 1},
        {"main_start_records", 3},
        {"stalls", 0},
    };
    auto spawnedFlag = [](bool on) {
        return QJsonObject{{"exited_begin_spawned_flag", on},
                           {"terminated_begin_spawned_flag", on},
                           {"killed_begin_spawned_flag", on}};
    };
    addBothMethods("exit(7), terminate(), kill()", "trace_records", common, spawnedFlag(false),
                   spawnedFlag(true));
}

void TestRuntime::traceRecordsEveryExit()
{
    checkRow();
}

void TestRuntime::terminateRightAfterStartKeepsTraceIntact_data()
{
    addColumns();
    // 100 rounds of start(); terminate(); join(): the SIGTERM often lands
    // before the child has become a lab process.
    addBothMethods("start() then terminate() at once", "start_then_terminate",
                   {{"rounds", 100},
                    {"unexpected_exitcodes", QJsonArray{}},
                    {"exits_without_own_record", 0},
                    {"exit_records_in_main_slot", 0},
                    {"main_lane_intact", true}});
}

void TestRuntime::terminateRightAfterStartKeepsTraceIntact()
{
    checkRow();
}

void TestRuntime::terminateSkipsCleanup_data()
{
    addColumns();
    addBothMethods("terminate() skips cleanup", "terminate_skips_cleanup",
                   {{"cleanup_ran", false}, {"exitcode", -15}});
    // The control: the same body, ending normally, does run it.
    addBothMethods("return runs cleanup", "return_runs_cleanup",
                   {{"cleanup_ran", true}, {"exitcode", 0}});
}

void TestRuntime::terminateSkipsCleanup()
{
    checkRow();
}

// ---- queues -----------------------------------------------------------------------------

void TestRuntime::queuesFollowPython_data()
{
    addColumns();
    // The refused item leaves no trace: two items in, two out, two put records.
    QTest::newRow("put_nowait on a full Queue(2), get_nowait on an empty one")
        << "queue_nowait"
        << "fork" << QJsonObject{{"put_nowait_on_full", "Full"}, {"qsize_after_full", 2},
                                 {"got", QJsonArray{1, 2}},      {"get_nowait_on_empty", "Empty"},
                                 {"qsize_after_empty", 0},       {"put_records", 2}};
    QTest::newRow("qsize, empty, full")
        << "queue_snapshots"
        << "fork"
        << QJsonObject{{"maxsize", 2},      {"qsize_new", 0},       {"empty_new", true},
                       {"full_new", false}, {"qsize_one", 1},       {"empty_one", false},
                       {"full_one", false}, {"qsize_two", 2},       {"empty_two", false},
                       {"full_two", true},  {"qsize_after_get", 1}, {"full_after_get", false}};
    // put_nowait would raise Full wherever a put could block.
    QTest::newRow("maxsize <= 0 is unbounded")
        << "queue_unbounded"
        << "fork"
        << QJsonObject{{"zero_maxsize", 0},
                       {"zero_refused", 0},
                       {"zero_qsize", 1000},
                       {"zero_full", false},
                       {"zero_first_out_is_first_in", true},
                       {"negative_maxsize", -1},
                       {"negative_refused", 0},
                       {"negative_qsize", 1000},
                       {"negative_full", false},
                       {"negative_first_out_is_first_in", true}};
    QTest::newRow("string longer than kMaxItemBytes")
        << "queue_item_too_long"
        << "fork"
        << QJsonObject{{"error", "queue items are at most 200 bytes, got 201"},
                       {"qsize_after", 0},
                       {"longest_still_fits", "<no error>"}};
    // The child is seen blocked in put() (its own trace record) before
    // MainProcess gets; its "put returned" line is read only after that get.
    addBothMethods("blocked put in a child completes after a get", "queue_blocked_put_in_child",
                   {{"child_blocked_in_put", true},
                    {"returned_before_get", false},
                    {"alive_before_get", true},
                    {"got_first", "first"},
                    {"child_says", "put_returned"},
                    {"got_second", "second"},
                    {"child_put_recorded_after_parent_get", true},
                    {"exitcode", 0}});
    addBothMethods("items of one producer arrive in order", "queue_fifo",
                   {{"out_of_order", QJsonArray{}}, {"qsize_after", 0}, {"exitcode", 0}});
    // Out to a child and back: int, string (empty, longest, digits), None.
    addBothMethods("int, string and None round-trip", "queue_item_kinds",
                   {{"echoed_equals_sent", true},
                    {"echoed", QJsonArray{"i:42", "i:-7", "i:9223372036854775807", "s:hello", "s:",
                                          "n:", "s:" + QString(200, QLatin1Char('x')), "s:0"}},
                    {"exitcode", 0}});
    QTest::newRow("JoinableQueue: task_done() too many times")
        << "joinable_task_done_too_many"
        << "fork"
        << QJsonObject{{"task_done_on_new_queue", "task_done() called too many times"},
                       {"first_task_done", "<no error>"},
                       {"error", "task_done() called too many times"},
                       {"task_done_after_refusal", "<no error>"},
                       {"joined", true}};
    // The child holds its last task_done() until MainProcess is recorded
    // waiting in join(); each result was put before its task_done().
    addBothMethods("JoinableQueue: join() waits for every task_done()", "joinable_join",
                   {{"child_saw_parent_in_join", true},
                    {"results_after_join", 5},
                    {"qsize_after_join", 0},
                    {"unfinished_after_each_task_done", QJsonArray{4, 3, 2, 1, 0}},
                    {"join_ended_after_last_task_done", true},
                    {"exitcode", 0}});
    // Read back from the client's own ring: no record dropped, every recorded
    // depth = puts - gets so far.
    addBothMethods("trace depth = puts - gets", "queue_depth_trace",
                   {{"each_producer_in_order", true},
                    {"exitcodes", QJsonArray{0, 0}},
                    {"put_records", 300},
                    {"get_records", 300},
                    {"depth_mismatches", 0},
                    {"depth_within_maxsize", true},
                    {"stalls", 0}});
}

void TestRuntime::queuesFollowPython()
{
    checkRow();
}

void TestRuntime::queueTimeoutsWaitBeforeRaising_data()
{
    addColumns();
    QTest::newRow("get(timeout=0.05) on empty, put(timeout=0.05) on full")
        << "queue_timeouts"
        << "fork"
        << QJsonObject{{"get_timeout_on_empty", "Empty"},
                       {"put_timeout_on_full", "Full"},
                       {"qsize_after_put_timeout", 1},
                       {"get_timeout0_on_empty", "Empty"},
                       {"put_timeout0_on_full", "Full"},
                       {"get_waits_recorded", 1}, // the timeout=0 calls record no wait
                       {"put_waits_recorded", 1}};
}

void TestRuntime::queueTimeoutsWaitBeforeRaising()
{
    checkRow();
    if (QTest::currentTestFailed())
        return;
    for (const char *key : {"get_waited_ms", "put_waited_ms"}) {
        const int waited = m_got.value(QLatin1String(key)).toInt(-1);
        QVERIFY2(waited >= 50 && waited < 5000,
                 qPrintable(QStringLiteral("%1: %2 ms").arg(key).arg(waited)));
    }
}

// ---- pipes and managers ------------------------------------------------------------

void TestRuntime::pipesFollowPython_data()
{
    addColumns();
    // Out to a child and back through one duplex pipe; EOF once the child closed its end.
    addBothMethods("every item kind round-trips; EOF after the peer closed", "pipe_item_kinds",
                   {{"echoed_equals_sent", true},
                    {"eof_after_child_closed", true},
                    {"too_long", "pipe messages are at most 4096 bytes, got 4097"},
                    {"exitcode", 0}});
    // Pipe(False): (receive end, send end); a reader sees EOF only when every
    // copy of the send end is closed, main's own included.
    addBothMethods("duplex=False ends, order, EOF and closed handles", "pipe_one_way",
                   {{"receive_end", "r-"},
                    {"send_end", "-w"},
                    {"send_on_receive_end", "connection is read-only"},
                    {"recv_on_send_end", "connection is write-only"},
                    {"received", QJsonArray{"i:0", "i:1", "i:2", "i:3", "i:4"}},
                    {"eof_while_main_holds_send_end", false},
                    {"eof_after_every_send_end_closed", true},
                    {"recv_after_close", "handle is closed"},
                    {"exitcode", 0}});
    QTest::newRow("send with no reader left") << "pipe_broken_pipe"
                                              << "fork" << QJsonObject{{"error", "broken pipe"}};
}

void TestRuntime::pipesFollowPython()
{
    checkRow();
}

void TestRuntime::managerFollowsPython_data()
{
    addColumns();
    addBothMethods("dict and list shared through the server process", "manager_across_processes",
                   {{"keys", QJsonArray{"k0", "k1", "k2"}},
                    {"values", QJsonArray{"i:0", "i:10", "i:20"}},
                    {"len", 3},
                    {"list_holds_child_pids", true},
                    {"missing_key", "KeyError: 'nope'"},
                    {"index_out_of_range", "IndexError: list index out of range"},
                    {"after_inplace_append", "[]"},
                    {"after_reassign", "[1]"},
                    {"name", "SyncManager-1"},
                    {"server_is_another_process", true},
                    {"server_parent_is_main", true},
                    {"socket_while_running", true},
                    {"socket_after_shutdown", false},
                    {"server_gone_after_shutdown", true},
                    {"call_after_shutdown", true}});
}

void TestRuntime::managerFollowsPython()
{
    checkRow();
}

// Never shut down by the scenario: MainProcess's exit stops the server (else
// the client would hang joining it), which removes its socket.
void TestRuntime::managerShutsDownAtMainExit()
{
    runScenario(QStringLiteral("manager_shutdown_at_exit"), QStringLiteral("fork"));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_got.value(QLatin1String("socket_existed")).toBool());
    QVERIFY(m_got.value(QLatin1String("server_pid")).toInteger() > 0);
    const QString address = m_got.value(QLatin1String("address")).toString();
    QVERIFY(!address.isEmpty());
    QVERIFY2(!QFileInfo::exists(address), qPrintable(address + " is left behind"));
    QVERIFY(!QFileInfo::exists(
        QStringLiteral("/proc/%1").arg(m_got.value(QLatin1String("server_pid")).toInteger())));
}

// ---- without pidfds ------------------------------------------------------------------------

// Kernels before 5.3 have no pidfd_open (ENOSYS) and older container seccomp
// profiles refuse it (EPERM). The client installs a real seccomp filter that
// makes pidfd_open and pidfd_send_signal fail so, in it and in every child:
// join(), join(timeout), is_alive(), terminate(), kill() and the exit
// handler must still work (waitid/SIGCHLD and kill()), never hang.
void TestRuntime::worksWithoutPidfd_data()
{
    QTest::addColumn<QString>("deny");
    addColumns();
    const QJsonObject zombie{{"state_before", "Z"},
                             {"gone_after", true},
                             {"exitcode", 7},
                             {"exitcode_after_join", 7},
                             {"reap_recorded_as_zombie", true}};
    const struct
    {
        const char *what;
        const char *scenario;
        QJsonObject expected;
        bool forkOnly;
    } rows[] = {
        {"exit(7)", "exit_seven", {{"exitcode", 7}, {"is_alive", false}}, false},
        {"terminate()",
         "exit_terminate",
         {{"exitcode_while_running", QJsonValue::Null}, {"exitcode", -15}, {"is_alive", false}},
         false},
        {"kill()",
         "exit_kill",
         {{"exitcode_while_running", QJsonValue::Null}, {"exitcode", -9}, {"is_alive", false}},
         false},
        {"join(0.05) on a blocked child",
         "join_timeout",
         {{"alive_after_timed_join", true},
          {"exitcode_after_timed_join", QJsonValue::Null},
          {"exitcode", -15},
          {"alive_after_join", false}},
         false},
        {"join, join, join(0)",
         "join_twice",
         {{"first_join_exitcode", 7}, {"exitcode", 7}, {"exitcode_after_signals", 7}},
         false},
        {"zombie reaped by join()", "zombie_join", zombie, false},
        {"zombie reaped by is_alive()", "zombie_is_alive", merged(zombie, {{"is_alive", false}}),
         true},
        {"daemon terminated, worker joined at main's end",
         "exit_handler",
         {{"daemon_exitcode", -15},
          {"worker_exitcode", 0},
          {"daemon_terminated_recorded", true},
          {"worker_joined_at_exit_recorded", true},
          {"children_left", 0}},
         false},
        {"start() then terminate() at once",
         "start_then_terminate",
         {{"rounds", 100}, {"unexpected_exitcodes", QJsonArray{}}, {"main_lane_intact", true}},
         false},
        {"Manager server shut down and joined",
         "manager_across_processes",
         {{"server_gone_after_shutdown", true}, {"call_after_shutdown", true}},
         true},
    };
    for (const char *deny : {"ENOSYS", "EPERM"}) {
        for (const auto &row : rows) {
            QTest::addRow("%s, pidfd_open %s (fork)", row.what, deny)
                << deny << row.scenario << "fork" << row.expected;
            if (!row.forkOnly)
                QTest::addRow("%s, pidfd_open %s (spawn)", row.what, deny)
                    << deny << row.scenario << "spawn" << row.expected;
        }
    }
}

void TestRuntime::worksWithoutPidfd()
{
    QFETCH(QString, deny);
    m_denyPidfd = deny;
    checkRow();
    if (QTest::currentTestFailed())
        return;
    // The filter really was in force: this ran without pidfds.
    const int expectedErrno = deny == QLatin1String("ENOSYS") ? ENOSYS : EPERM;
    QCOMPARE(m_got.value(QLatin1String("pidfd_open_errno")).toInt(-1), expectedErrno);
    if (m_got.contains(QLatin1String("timed_join_ms"))) {
        const int waited = m_got.value(QLatin1String("timed_join_ms")).toInt(-1);
        QVERIFY2(waited >= 49, qPrintable(QStringLiteral("join(0.05) took %1 ms").arg(waited)));
    }
}

// multiprocessing.Barrier: what Python 3.11 gives for the same calls (checked
// with threading.Barrier's code: index = arrival order, the last party gets
// parties - 1; a wait that times out breaks the barrier for every waiter).
void TestRuntime::barrierFollowsPython_data()
{
    addColumns();
    addBothMethods("3 children and main, two rounds", "barrier_rounds",
                   {{"parties", 4},
                    {"a_child_passed_before_the_last_party", false},
                    {"main_indexes", QJsonArray{3, 3}},
                    {"child_indexes", QJsonArray{0, 0, 1, 1, 2, 2}},
                    {"broken", false},
                    {"declared", 1},
                    {"waits_recorded", 8},
                    {"passes_recorded", 8},
                    {"children_failed", 0}});
    addBothMethods("wait(timeout) breaks it, abort() breaks it", "barrier_broken",
                   {{"error", "threading.BrokenBarrierError"},
                    {"child_saw", "error=threading.BrokenBarrierError"},
                    {"broken", true},
                    {"n_waiting_after", 0},
                    {"wait_after_broken", "threading.BrokenBarrierError"},
                    {"exitcode", 0},
                    {"child_saw_abort", "error=threading.BrokenBarrierError"},
                    {"abort_exitcode", 0},
                    {"zero_parties", "Barrier(): parties must be > 0, got 0"},
                    {"broken_waits_recorded", 4}});
}

void TestRuntime::barrierFollowsPython()
{
    checkRow();
}

QTEST_GUILESS_MAIN(TestRuntime)

#include "tst_runtime.moc"
