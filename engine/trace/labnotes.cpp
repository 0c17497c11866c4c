#include "labnotes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace proclab {

namespace {

QString resourcePath(const QString &labId, const char *suffix)
{
    return QStringLiteral(":/notes/") + labId + QLatin1String(suffix);
}

bool readResource(const QString &path, QByteArray *out)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    *out = f.readAll();
    return true;
}

} // namespace

namespace {
// "@name", "@name(main)", "@name(Process-2)", "@name[param=value]", "@name(child)[param=value]"
const char *kTag = R"(@([\w:\-]+)(?:\(([\w:\-]+)\))?(?:\[(\w+)=([\w.:\-]+)\])?)";

QString paramText(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return v.toString();
}
} // namespace

LabSnippet LabSnippet::parse(const QString &source)
{
    // "code  # @start @join(main)": the tag comment is the last thing on the line.
    static const QString tag = QString::fromLatin1(kTag);
    static const QRegularExpression tagComment(
        QStringLiteral(R"(\s*#\s*(%1(\s+%1)*)\s*$)").arg(tag));
    static const QRegularExpression oneTag(tag);
    LabSnippet s;
    QStringList lines = source.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    for (QString line : lines) {
        const QRegularExpressionMatch m = tagComment.match(line);
        if (m.hasMatch()) {
            auto it = oneTag.globalMatch(m.captured(1));
            while (it.hasNext()) {
                const QRegularExpressionMatch t = it.next();
                s.tags.push_back({t.captured(1), t.captured(2), t.captured(3), t.captured(4),
                                  int(s.lines.size())});
            }
            line.truncate(m.capturedStart());
        }
        s.lines << line;
    }
    return s;
}

int LabSnippet::lineFor(const SnippetQuery &q) const
{
    const QString kind = q.onMain ? QStringLiteral("main") : QStringLiteral("child");
    QVector<int> best;
    int bestScore = -1;
    for (const Tag &t : tags) {
        if (t.event != q.event)
            continue;
        int score = 0;
        if (!t.role.isEmpty()) {
            if (t.role == q.lane)
                score += 4;
            else if (t.role.startsWith(QLatin1String("with:")) && !q.onMain &&
                     q.laneEvents.contains(t.role.mid(5)))
                score += 3;
            else if (t.role == kind)
                score += 2;
            else
                continue;
        }
        if (!t.param.isEmpty()) {
            // [target=with:put]: the lane the `target` argument names has a put.
            const bool met =
                t.value.startsWith(QLatin1String("with:"))
                    ? q.context.value(t.param + QLatin1String("_events"))
                          .toArray()
                          .contains(QJsonValue(t.value.mid(5)))
                    : q.context.contains(t.param) && paramText(q.context.value(t.param)) == t.value;
            if (!met)
                continue;
            score += 1;
        }
        if (score > bestScore) {
            bestScore = score;
            best.clear();
        }
        if (score == bestScore)
            best << t.line;
    }
    if (best.isEmpty())
        return -1;
    return best.at(std::clamp(q.ordinal, 0, int(best.size()) - 1));
}

namespace {
const QRegularExpression &placeholder()
{
    static const QRegularExpression re(QStringLiteral(R"(\{(\w+)\})"));
    return re;
}
} // namespace

QString LabQuestion::textFor(const QMap<QString, QString> &params) const
{
    QString out;
    qsizetype from = 0;
    auto it = placeholder().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(from, m.capturedStart() - from);
        out += params.value(m.captured(1), m.captured(0));
        from = m.capturedEnd();
    }
    return out + text.mid(from);
}

QStringList LabQuestion::parameterNames() const
{
    QStringList names;
    auto it = placeholder().globalMatch(text);
    while (it.hasNext())
        names << it.next().captured(1);
    return names;
}

QStringList LabNotes::languages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QStringList LabNotes::upcomingLabIds()
{
    return {QStringLiteral("pipe"), QStringLiteral("manager-dict"), QStringLiteral("ipc-compare"),
            QStringLiteral("zombie-orphan"), QStringLiteral("concurrency-parallelism")};
}

bool LabNotes::has(const QString &labId)
{
    return QFile::exists(resourcePath(labId, ".json"));
}

std::optional<LabNote> LabNotes::load(const QString &labId, const QString &language, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<LabNote> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QByteArray json, python;
    if (!readResource(resourcePath(labId, ".json"), &json))
        return fail(QStringLiteral("no notes for lab %1").arg(labId));
    if (!readResource(resourcePath(labId, ".py"), &python))
        return fail(QStringLiteral("no Python program for lab %1").arg(labId));
    QJsonParseError parseError;
    const QJsonObject o = QJsonDocument::fromJson(json, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("%1.json: %2").arg(labId, parseError.errorString()));

    const QString lang = languages().contains(language) ? language : QStringLiteral("en");
    auto text = [&](const char *field) {
        return o.value(QLatin1String(field)).toObject().value(lang).toString();
    };
    LabNote note;
    note.labId = labId;
    note.language = lang;
    note.course = text("course");
    note.explanation = text("explanation");
    for (const QJsonValue &v : o.value(QLatin1String("look_for")).toObject().value(lang).toArray())
        note.lookFor << v.toString();
    const QJsonObject q = o.value(QLatin1String("question")).toObject();
    note.question.text = q.value(lang).toString();
    note.question.answerKey = q.value(QLatin1String("answer_key")).toString();
    const QString kind = q.value(QLatin1String("kind")).toString();
    note.question.kind = kind == QLatin1String("bool")     ? LabQuestion::Kind::Boolean
                         : kind == QLatin1String("choice") ? LabQuestion::Kind::Choice
                                                           : LabQuestion::Kind::Number;
    if (note.question.kind == LabQuestion::Kind::Boolean)
        note.question.choices = {QStringLiteral("True"), QStringLiteral("False")};
    for (const QJsonValue &v : q.value(QLatin1String("choices")).toArray())
        note.question.choices << v.toString();
    note.question.tolerance = q.value(QLatin1String("tolerance")).toDouble(0);
    note.snippet = LabSnippet::parse(QString::fromUtf8(python));
    return note;
}

LabNotes::Verdict LabNotes::compare(const LabQuestion &question, const QString &prediction,
                                    const QJsonValue &actual)
{
    const QString p = prediction.trimmed();
    if (p.isEmpty())
        return Verdict::NoPrediction;
    if (actual.isUndefined() || actual.isNull())
        return Verdict::NoAnswer;
    if (question.kind == LabQuestion::Kind::Choice) {
        const QString real = actual.isString() ? actual.toString() : paramText(actual);
        return p.compare(real, Qt::CaseInsensitive) == 0 ? Verdict::Matched : Verdict::Missed;
    }
    if (question.kind == LabQuestion::Kind::Boolean) {
        if (!actual.isBool())
            return Verdict::NoAnswer;
        const bool said = p.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
        return said == actual.toBool() ? Verdict::Matched : Verdict::Missed;
    }
    if (!actual.isDouble())
        return Verdict::NoAnswer;
    bool ok = false;
    // "40,000" and "40 000" are 40000.
    const double said =
        QString(p).remove(QRegularExpression(QStringLiteral("[,_\\s]"))).toDouble(&ok);
    if (!ok)
        return Verdict::Missed;
    const double real = actual.toDouble();
    const double slack = std::abs(real) * question.tolerance;
    return std::abs(said - real) <= slack + 1e-9 ? Verdict::Matched : Verdict::Missed;
}

} // namespace proclab
