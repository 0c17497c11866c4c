#pragma once
// The host's drain thread: reads the trace ring (and writers' spill files),
// decodes into the run's EventStore and hands the GUI a snapshot about 60
// times a second. Decoding never happens on the GUI thread, and never makes
// a lab process wait (writers spill instead, see tracering.h). The thread
// runs at a low priority: when the lab keeps every CPU busy, the lab goes
// first and the timeline catches up after.
//
// When the runner has ended (finish()), a thread at normal priority (nice 0)
// takes over (no lab process is left to go first): it reads the rest, finds
// the lost updates (LostUpdates::analyseInto) and publishes a last snapshot
// marked final. The GUI side calls take() when told (the notify callback, called
// from the drain thread; post it to the GUI thread).

#include "eventstore.h"
#include "lostupdates.h"
#include "recorddecoder.h"
#include "ringreader.h"

#include <QJsonObject>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace proclab {

class TraceDrain
{
public:
    struct Update
    {
        StoreSnapshot snapshot;
        std::optional<QJsonObject> summary;
        std::optional<QString> runStatus;
        bool final = false;
        LostUpdates::Result lost; // final only
        std::uint64_t records = 0;
        std::int64_t spilledBytes = 0; // the store's rows on disk
        QStringList sharedNames;       // /dev/shm names the program made since the last update
    };

    TraceDrain(RingReader &ring, std::unique_ptr<EventStore> store, RecordDecoder decoder,
               std::function<void()> notify);
    ~TraceDrain(); // stops the thread (no final snapshot)

    void start();
    void finish(); // the runner ended: drain the rest, analyse, publish the final snapshot
    std::optional<Update> take();
    EventStore &store() { return *m_store; }

private:
    void run(bool background); // background: the low-priority thread of the run
    void publish(bool final, LostUpdates::Result lost = {});

    RingReader &m_ring;
    std::unique_ptr<EventStore> m_store;
    RecordDecoder m_decoder;
    StoreSink m_sink;
    std::function<void()> m_notify;
    std::thread m_thread;
    std::thread m_finisher; // after finish(): joins m_thread, then drains the rest
    bool m_clockSet = false;  // the decoder's clock (set by whichever thread drains first)
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_finish = false; // m_thread hands over to m_finisher
    std::optional<Update> m_pending;
    bool m_notified = false;
    std::optional<QJsonObject> m_summary;
    std::optional<QString> m_status;
};

} // namespace proclab
