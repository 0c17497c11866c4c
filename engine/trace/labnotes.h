#pragma once
// A lab's teaching notes, read from the resources compiled into the program:
//   :/notes/<lab-id>.json  course section, explanation, what to look for and
//                          one question to predict, in "en" and "zh_CN", plus
//                          the summary key that answers the question;
//   :/notes/<lab-id>.py    the short Python program the lab mirrors. A line
//                          ending in "# @start @join" is where the timeline's
//                          start / join events happen. "@sleep(child)" limits a
//                          tag to child lanes ("(main)": MainProcess's lane,
//                          "(Process-2)": that lane, "(with:put)": child lanes
//                          that have a put event, say producers);
//                          "@join[mode=no-join]" to runs with that parameter
//                          value, "@exit[exitcode=1]" to events with that
//                          argument, "@join[target=with:put]" to events whose
//                          target lane has a put. Tags are stripped when shown.
// Only QtCore: no widget, no engine.

#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace proclab {

// Which timeline event a line is wanted for.
struct SnippetQuery
{
    QString event;          // ev::Start, "wait:lock", ...
    bool onMain = false;    // on MainProcess's lane
    QString lane;           // the lane's name ("Process-2")
    QStringList laneEvents; // names of every event on that lane
    int ordinal = 0;        // how many events of this name came before it on the lane
    QJsonObject context;    // the run's parameters and the event's arguments; for an
                            // argument naming a lane, "<arg>_events": that lane's event names
};

// The Python program, its tags stripped, and where each tag points.
struct LabSnippet
{
    struct Tag
    {
        QString event; // a trace event name (ev::Start, "wait:lock", ...)
        QString role;  // "", "main", "child", a lane name ("Process-2") or
                       // "with:put": a child lane with a put event
        QString param; // condition: the event's argument or the run's parameter
                       // `param` is `value` ("" = always)
        QString value;
        int line = -1; // 0-based
    };

    QStringList lines; // as shown
    QVector<Tag> tags;

    static LabSnippet parse(const QString &source);
    // The line the event stands on; -1 when the program has no line for it.
    // Tags for other lanes and tags whose condition the context fails (or
    // lacks) are ignored. Of the rest the most specific wins: a lane name over
    // with:<event> over main/child over none, then a condition over none. Several equally
    // specific lines are taken in order, one per occurrence of the event, the
    // last standing for the rest.
    int lineFor(const SnippetQuery &query) const;
    int lineFor(const QString &event, bool onMain) const
    {
        SnippetQuery q;
        q.event = event;
        q.onMain = onMain;
        return lineFor(q);
    }
};

struct LabQuestion
{
    enum class Kind
    {
        Number,  // the student types a number
        Boolean, // True / False
        Choice,  // one of `choices` (summary values as text)
    };
    QString text; // may name the lab's parameters: "{workers} workers ..."
    QString answerKey; // summary key holding the run's answer
    Kind kind = Kind::Number;
    double tolerance = 0; // Number: relative difference still counted as a match
    QStringList choices;  // Choice; Boolean: True, False

    // The text with every "{name}" replaced by that parameter's value (so
    // the question asks about the values the student has set); names not in
    // `params` stay as they are.
    QString textFor(const QMap<QString, QString> &params) const;
    QStringList parameterNames() const; // the {name}s the text uses
};

struct LabNote
{
    QString labId;
    QString language; // "en" or "zh_CN"
    QString course;   // the course section the lab illustrates
    QString explanation;
    QStringList lookFor;
    LabQuestion question;
    LabSnippet snippet;
};

class LabNotes
{
public:
    enum class Verdict
    {
        NoPrediction,
        NoAnswer, // the run has no value under the answer key
        Matched,
        Missed,
    };

    static QStringList languages(); // "en", "zh_CN"
    // Labs being added on other branches whose notes are already here.
    static QStringList upcomingLabIds();
    static bool has(const QString &labId);
    // The note in `language` ("en" when it is not one of languages()).
    static std::optional<LabNote> load(const QString &labId, const QString &language,
                                       QString *error = nullptr);
    static Verdict compare(const LabQuestion &question, const QString &prediction,
                           const QJsonValue &actual);
};

} // namespace proclab
