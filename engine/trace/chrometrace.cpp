#include "chrometrace.h"

#include "eventargs.h"
#include "gzipdevice.h"
#include "jsonscanner.h"
#include "sampledstate.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <cmath>
#include <queue>

namespace proclab {

namespace {

const QString kGenerator = QStringLiteral("proclab");

// Buffered JSON text into a device.
class JsonOut
{
public:
    explicit JsonOut(QIODevice *out) : m_out(out) { m_buf.reserve(kFlushAt + 4096); }

    JsonOut &raw(const char *s)
    {
        m_buf.append(s);
        return *this;
    }
    JsonOut &str(const QString &s)
    {
        m_buf.append('"');
        const QByteArray u = s.toUtf8();
        for (char c : u) {
            switch (c) {
            case '"':
                m_buf.append("\\\"");
                break;
            case '\\':
                m_buf.append("\\\\");
                break;
            case '\n':
                m_buf.append("\\n");
                break;
            case '\r':
                m_buf.append("\\r");
                break;
            case '\t':
                m_buf.append("\\t");
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char esc[8];
                    std::snprintf(esc, sizeof esc, "\\u%04x", unsigned(c));
                    m_buf.append(esc);
                } else {
                    m_buf.append(c);
                }
            }
        }
        m_buf.append('"');
        return *this;
    }
    JsonOut &num(double v)
    {
        if (!std::isfinite(v))
            v = 0;
        m_buf.append(QByteArray::number(v, 'g', QLocale::FloatingPointShortest));
        return *this;
    }
    JsonOut &num(qint64 v)
    {
        m_buf.append(QByteArray::number(v));
        return *this;
    }
    JsonOut &obj(const QJsonObject &o)
    {
        m_buf.append(QJsonDocument(o).toJson(QJsonDocument::Compact));
        return *this;
    }
    bool flushIfFull() { return m_buf.size() < kFlushAt || flush(); }
    bool flush()
    {
        if (m_buf.isEmpty())
            return m_ok;
        if (m_ok && m_out->write(m_buf) != m_buf.size())
            m_ok = false;
        m_written += m_buf.size();
        m_buf.clear();
        return m_ok;
    }
    bool ok() const { return m_ok; }
    qint64 written() const { return m_written + m_buf.size(); }

private:
    static constexpr qsizetype kFlushAt = 1 << 20;
    QIODevice *m_out;
    QByteArray m_buf;
    bool m_ok = true;
    qint64 m_written = 0;
};

// {"ph":"X","name":...,"pid":P,"tid":P,"ts":T  (the caller closes it)
void head(JsonOut &o, const char *ph, const QString &name, qint64 pid, double ts, bool first)
{
    o.raw(first ? "\n{\"ph\":\"" : ",\n{\"ph\":\"").raw(ph).raw("\",\"name\":").str(name);
    o.raw(",\"pid\":").num(pid).raw(",\"tid\":").num(pid);
    if (*ph != 'M') // every other event needs ts, negative ones included
        o.raw(",\"ts\":").num(ts);
}

} // namespace

bool ChromeTrace::write(const TraceModel &model, QIODevice *device, QString *error,
                        const Progress &progress)
{
    JsonOut o(device);
    const QJsonObject other{{QStringLiteral("generator"),
                             kGenerator + QLatin1Char(' ') + QStringLiteral(PROCLAB_VERSION)},
                            {QStringLiteral("lab"), model.labId()},
                            {QStringLiteral("params"), model.params()},
                            {QStringLiteral("summary"), model.summary()},
                            {QStringLiteral("status"), model.runStatus()}};
    // otherData first: a reader knows at once whether this is ProcLab's.
    o.raw("{\"otherData\":").obj(other).raw(",\"displayTimeUnit\":\"ms\",\"traceEvents\":[");
    bool first = true;
    const double end = model.now();
    qint64 n = 0;
    auto step = [&] {
        if (!o.flushIfFull())
            return false;
        if (progress && (++n & 0xffff) == 0 && !progress(o.written(), 0))
            return false;
        return true;
    };
    for (int row = 0; row < model.rowCount(); ++row) {
        const Lane &l = model.lane(row);
        head(o, "M", ev::ProcessName, l.pid, 0, first);
        first = false;
        o.raw(",\"args\":")
            .obj({{QStringLiteral("name"), l.name},
                  {QStringLiteral("ppid"), l.ppid},
                  {QStringLiteral("main"), l.isMain},
                  {QStringLiteral("daemon"), l.daemon},
                  {QStringLiteral("spawned"), l.spawned}})
            .raw("}");
        head(o, "M", ev::SortIndex, l.pid, 0, false);
        o.raw(",\"args\":{\"sort_index\":").num(qint64(row)).raw("}}");

        // Intervals of all depths by start, outer first (slices must nest).
        {
            struct Head
            {
                double t0;
                std::size_t depth;
                std::size_t row;
                bool operator>(const Head &x) const
                {
                    return t0 != x.t0 ? t0 > x.t0 : depth > x.depth;
                }
            };
            std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heap;
            std::vector<store::TrackView::Cursor> cursors;
            for (std::size_t d = 0; d < l.tracks.depths.size(); ++d) {
                cursors.push_back(l.tracks.depths[d].cursor());
                if (cursors.back().valid())
                    heap.push({cursors.back().t(), d, 0});
            }
            while (!heap.empty()) {
                const Head h = heap.top();
                heap.pop();
                auto &c = cursors[h.depth];
                const store::Row r = c.row();
                const double t1 = r.t1 < 0 ? end : r.t1;
                head(o, "X", l.rowName(r), l.pid, r.t, false);
                o.raw(",\"dur\":").num(std::max(0.0, t1 - r.t));
                const QJsonObject args = l.intervalArgs(r);
                if (!args.isEmpty())
                    o.raw(",\"args\":").obj(args);
                o.raw("}");
                if (!step())
                    break;
                c.next();
                if (c.valid())
                    heap.push({c.t(), h.depth, c.index()});
            }
        }
        // Instants by time: notable, bulk and lost updates merged.
        {
            const store::TrackView *tracks[] = {&l.tracks.notable, &l.tracks.bulk, &l.tracks.lost};
            store::TrackView::Cursor cursors[] = {tracks[0]->cursor(), tracks[1]->cursor(),
                                                  tracks[2]->cursor()};
            for (;;) {
                int best = -1;
                double bt = 0;
                for (int k = 0; k < 3; ++k)
                    if (cursors[k].valid() && (best < 0 || cursors[k].t() < bt)) {
                        best = k;
                        bt = cursors[k].t();
                    }
                if (best < 0)
                    break;
                const store::Row r = cursors[best].row();
                cursors[best].next();
                const bool lost = best == 2;
                head(o, "i", lost ? ev::LostUpdate : l.rowName(r), l.pid, r.t, false);
                o.raw(",\"s\":\"p\"");
                const QJsonObject args = lost ? l.lostArgs(r) : l.markerArgs(r);
                if (!args.isEmpty())
                    o.raw(",\"args\":").obj(args);
                o.raw("}");
                if (!step())
                    break;
            }
        }
        // Counters.
        for (const TraceEvent &c : l.counterEvents()) {
            head(o, "C", c.name, l.pid, c.ts, false);
            o.raw(",\"args\":").obj(c.args).raw("}");
            if (!step())
                break;
        }
        if (!o.ok())
            break;
    }
    // Arrows: start (creator -> child) and send (send -> recv).
    const store::TrackView &flows = model.snapshot().flows;
    for (auto c = flows.cursor(); c.valid() && o.ok(); c.next()) {
        const store::Row r = c.row();
        const QString name = r.kind == EventKind::Send ? ev::Send : ev::Start;
        const qint64 from = r.b >> 32, to = qint64(std::uint32_t(r.b));
        if (from != 0) {
            head(o, "s", name, from, r.t, first);
            first = false;
            o.raw(",\"id\":").num(qint64(r.a)).raw(",\"cat\":").str(name).raw("}");
        }
        if (to != 0) {
            head(o, "f", name, to, r.t1, first);
            first = false;
            o.raw(",\"id\":").num(qint64(r.a)).raw(",\"cat\":").str(name).raw(",\"bp\":\"e\"}");
        }
        if (!step())
            break;
    }
    o.raw("\n]}\n");
    if (!o.flush()) {
        *error = device->errorString().isEmpty() ? QObject::tr("cancelled") : device->errorString();
        return false;
    }
    return true;
}

QByteArray ChromeTrace::write(const TraceModel &model)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString error;
    write(model, &buffer, &error);
    return bytes;
}

void TraceFile::applyTo(TraceModel *model) const
{
    model->clear();
    model->setRunInfo(lab, params);
    model->adopt(snapshot);
    model->setSummary(summary);
    model->setRunStatus(status);
}

bool ChromeTrace::readFile(const QString &path, TraceModel *model, QString *error,
                           const Progress &progress)
{
    model->clear();
    TraceFile file;
    if (!readFile(path, &file, error, progress))
        return false;
    file.applyTo(model);
    return true;
}

bool ChromeTrace::readFile(const QString &path, TraceFile *out, QString *error,
                           const Progress &progress)
{
    *out = {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("Cannot open %1: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray magic = f.peek(2);
    const bool gz = magic.size() == 2 && quint8(magic[0]) == 0x1f && quint8(magic[1]) == 0x8b;
    if (!gz && f.size() > kMaxFileBytes) {
        *error = QObject::tr("%1 is %2 MB; ProcLab opens traces of at most %3 MB")
                     .arg(QFileInfo(path).fileName())
                     .arg((f.size() + 1024 * 1024 - 1) / (1024 * 1024)) // rounded up
                     .arg(kMaxFileBytes / (1024 * 1024));
        return false;
    }
    if (!gz)
        return read(&f, f.size(), out, error, progress);
    GzipReader unzip(&f, kMaxFileBytes);
    if (!unzip.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("Cannot open %1: %2").arg(path, unzip.errorString());
        return false;
    }
    // Progress counts compressed bytes read, against the file's size.
    const Progress inner = progress ? Progress([&](qint64, qint64) {
        return progress(f.pos(), f.size());
    })
                                    : Progress();
    const bool ok = read(&unzip, 0, out, error, inner);
    if (!ok && unzip.tooLarge())
        *error = QObject::tr("%1 holds more than %2 MB of JSON; ProcLab opens traces of at most "
                             "%2 MB")
                     .arg(QFileInfo(path).fileName())
                     .arg(kMaxFileBytes / (1024 * 1024));
    return ok;
}

bool ChromeTrace::read(const QByteArray &json, TraceModel *model, QString *error)
{
    model->clear();
    if (json.size() > kMaxFileBytes) {
        *error = QObject::tr("The trace is larger than %1 MB").arg(kMaxFileBytes >> 20);
        return false;
    }
    QByteArray copy = json;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    TraceFile file;
    if (!read(&buffer, json.size(), &file, error))
        return false;
    file.applyTo(model);
    return true;
}

bool ChromeTrace::read(QIODevice *in, qint64 totalBytes, TraceFile *out, QString *error,
                       const Progress &progress)
{
    *out = {};
    JsonScanner scan(in, kMaxNesting);
    // Errors in the order a user should hear about them: a file too deep or
    // not JSON at all first, then what makes it not ProcLab's, then events.
    enum Rank
    {
        RankNone = 100,
        RankNotObject = 2,
        RankGenerator = 3,
        RankEventsArray = 4,
        RankTooMany = 5,
        RankEvent = 6,
        RankCancelled = 7,
    };
    int rank = RankNone;
    QString problem;
    auto note = [&](int r, const QString &msg) {
        if (r < rank) {
            rank = r;
            problem = msg;
        }
    };

    auto store = std::make_unique<EventStore>();
    QJsonObject other;
    bool haveOther = false, haveEvents = false;
    TraceEvents batch;
    qint64 count = 0;
    auto flushBatch = [&] {
        store->appendGeneric(batch, false);
        batch.clear();
    };
    // One traceEvents element.
    auto take = [&](const QJsonValue &v, qint64 i) {
        if (rank <= RankEvent)
            return;
        const QJsonObject o = v.toObject();
        const QString ph = o.value(QStringLiteral("ph")).toString();
        const QJsonValue pidValue = o.value(QStringLiteral("pid"));
        const QJsonValue tsValue = o.value(QStringLiteral("ts"));
        const QString name = o.value(QStringLiteral("name")).toString();
        if (!v.isObject() || ph.size() != 1 || !pidValue.isDouble() || name.isEmpty())
            return note(RankEvent,
                        QObject::tr("traceEvents[%1]: needs ph, name and a numeric pid").arg(i));
        if (ph != QLatin1String("M") && !tsValue.isDouble())
            return note(RankEvent,
                        QObject::tr("traceEvents[%1] (%2): ts must be a number").arg(i).arg(name));
        const qint64 pid = pidValue.toInteger();
        const double ts = tsValue.toDouble();
        const QJsonObject args = o.value(QStringLiteral("args")).toObject();
        switch (ph.at(0).toLatin1()) {
        case 'M':
            if (name == ev::ProcessName)
                batch.push_back({0, pid, TraceEvent::Meta, name, args, 0});
            break;
        case 'X': {
            const double dur = o.value(QStringLiteral("dur")).toDouble(-1);
            if (!(dur >= 0))
                return note(RankEvent, QObject::tr("traceEvents[%1] (%2): dur must be a number >= 0")
                                           .arg(i)
                                           .arg(name));
            batch.push_back({ts, pid, TraceEvent::Complete, name, args, 0, dur});
            break;
        }
        case 'i':
            batch.push_back({ts, pid, TraceEvent::Instant, name, args, 0});
            break;
        case 'C':
            batch.push_back({ts, pid, TraceEvent::Counter, name, args, 0});
            break;
        case 's':
        case 'f':
            batch.push_back({ts, pid,
                             ph == QLatin1String("s") ? TraceEvent::FlowStart : TraceEvent::FlowEnd,
                             name, {}, o.value(QStringLiteral("id")).toInteger()});
            break;
        default:
            break; // other phases are not ProcLab's; ignore them
        }
        if (batch.size() >= 65536)
            flushBatch();
    };

    bool syntaxOk = true;
    if (scan.peek() != '{') {
        // Not an object: still read it through, for nesting and syntax.
        syntaxOk = scan.skip(0) && scan.atEnd();
        note(RankNotObject, QObject::tr("The trace must be a JSON object with traceEvents"));
    } else {
        scan.expect('{');
        bool firstKey = true;
        while (syntaxOk) {
            if (firstKey && scan.peek() == '}') {
                scan.expect('}');
                break;
            }
            firstKey = false;
            QString key;
            if (!scan.string(&key) || !scan.expect(':')) {
                syntaxOk = false;
                break;
            }
            if (key == QLatin1String("traceEvents")) {
                haveEvents = true;
                if (scan.peek() != '[') {
                    note(RankEventsArray, QObject::tr("traceEvents must be an array"));
                    syntaxOk = scan.skip(1);
                } else {
                    scan.expect('[');
                    if (scan.peek() == ']') {
                        scan.expect(']');
                    } else {
                        for (qint64 i = 0;; ++i) {
                            QJsonValue v;
                            if (rank <= RankEvent ? !scan.skip(2) : !scan.value(&v, 2)) {
                                syntaxOk = false;
                                break;
                            }
                            if (++count > kMaxEvents && rank > RankTooMany)
                                note(RankTooMany,
                                     QObject::tr("The trace holds more than %1 events; at most "
                                                 "%1 are opened")
                                         .arg(kMaxEvents));
                            take(v, i);
                            if (progress && (i & 0x3fff) == 0 &&
                                !progress(scan.offset(), totalBytes)) {
                                note(RankCancelled, QObject::tr("cancelled"));
                                scan.fail(JsonScanner::Error::Syntax, QStringLiteral("cancelled"));
                                syntaxOk = false;
                                break;
                            }
                            const char n = scan.peek();
                            if (n == ']') {
                                scan.expect(']');
                                break;
                            }
                            if (!scan.expect(',')) {
                                syntaxOk = false;
                                break;
                            }
                        }
                    }
                }
            } else if (key == QLatin1String("otherData")) {
                QJsonValue v;
                syntaxOk = scan.value(&v, 1);
                other = v.toObject();
                haveOther = v.isObject();
                if (haveOther && !other.value(QStringLiteral("generator"))
                                      .toString()
                                      .startsWith(kGenerator))
                    note(RankGenerator,
                         QObject::tr("Not a ProcLab trace: otherData.generator does not name "
                                     "proclab (ProcLab opens only traces it exported)"));
            } else {
                syntaxOk = scan.skip(1);
            }
            if (!syntaxOk)
                break;
            const char n = scan.peek();
            if (n == '}') {
                scan.expect('}');
                break;
            }
            if (!scan.expect(',')) {
                syntaxOk = false;
                break;
            }
        }
        if (syntaxOk && !scan.atEnd()) {
            scan.fail(JsonScanner::Error::Syntax, QStringLiteral("garbage after the document"));
            syntaxOk = false;
        }
        if (!haveOther)
            note(RankGenerator, QObject::tr("Not a ProcLab trace: otherData.generator does not name "
                                            "proclab (ProcLab opens only traces it exported)"));
        if (!haveEvents)
            note(RankEventsArray, QObject::tr("traceEvents must be an array"));
    }

    auto fail = [&](const QString &msg) {
        *out = {};
        *error = msg;
        return false;
    };
    if (rank == RankCancelled)
        return fail(problem);
    if (scan.error() == JsonScanner::Error::Nesting)
        return fail(QObject::tr("The trace nests deeper than %1 levels: not a ProcLab trace")
                        .arg(kMaxNesting));
    if (!syntaxOk || scan.error() != JsonScanner::Error::None)
        return fail(QObject::tr("The trace is not valid JSON (%1 at byte %2)")
                        .arg(scan.errorText())
                        .arg(scan.errorOffset()));
    if (rank != RankNone)
        return fail(problem);

    flushBatch();
    store->dropGenericLogs();
    out->snapshot = store->snapshot();
    out->snapshot.touched.clear();
    out->lab = other.value(QStringLiteral("lab")).toString();
    out->params = other.value(QStringLiteral("params")).toObject();
    out->summary = other.value(QStringLiteral("summary")).toObject();
    out->status = other.value(QStringLiteral("status")).toString();
    return true;
}

} // namespace proclab
