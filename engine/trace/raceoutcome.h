// SPDX-License-Identifier: MIT
#pragma once
// What a race lab's run came to, read from its summary and its trace: expected
// vs actual (counter-race) or tickets vs sold (ticket-race), the lost updates
// (the earliest `limit`, and how many in all) and every write of a shared file
// (writes without a version), in time order. A value: the race panel shows
// it, tests and other views can read it without a widget.

#include "lostupdates.h"

#include <QString>
#include <QVector>

namespace proclab {

class TraceModel;

struct RaceOutcome
{
    enum class Verdict
    {
        None,    // neither a counter nor tickets in the summary
        Counter, // expected / actual
        Tickets, // tickets / successes / oversold
    };
    struct FileWrite
    {
        double t = 0; // µs
        QString process;
        QString object;
        int value = 0;
    };

    Verdict verdict = Verdict::None;
    qint64 expected = 0, actual = 0;            // Counter
    qint64 tickets = 0, sold = 0, oversold = 0; // Tickets
    QVector<LostUpdate> lost;                   // the earliest, by the overwriting write
    qint64 lostTotal = 0;
    QVector<FileWrite> fileWrites; // time order
    bool anyAccess = false;        // a read or write of shared state happened

    // The run came out right: actual == expected, nothing oversold.
    bool correct() const
    {
        return verdict == Verdict::Counter ? actual == expected : oversold == 0;
    }

    static RaceOutcome of(const TraceModel &model, int limit);
};

} // namespace proclab
