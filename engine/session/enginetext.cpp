#include "enginetext.h"

#include "translatable.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace proclab::engineText {
namespace {

// "%1 must be %2, got %3" -> ^(.*) must be (.*), got (.*)$ and the argument
// numbers in order of appearance.
QRegularExpression patternRegex(const QString &pattern, QList<int> *order)
{
    static const QRegularExpression marker(QStringLiteral("%([1-9])"));
    QString re = QStringLiteral("^");
    qsizetype at = 0;
    for (auto it = marker.globalMatch(pattern); it.hasNext();) {
        const auto m = it.next();
        re += QRegularExpression::escape(pattern.mid(at, m.capturedStart() - at));
        re += QStringLiteral("(.*)");
        order->append(m.captured(1).toInt());
        at = m.capturedEnd();
    }
    re += QRegularExpression::escape(pattern.mid(at)) + QStringLiteral("$");
    return QRegularExpression(re, QRegularExpression::DotMatchesEverythingOption);
}

QString params(const QString &s)
{
    return QCoreApplication::translate("Params", s.toUtf8().constData());
}

} // namespace

QString lab(const std::string &text)
{
    return text.empty() ? QString() : QCoreApplication::translate("Lab", text.c_str());
}

QString traceMessage(const QString &text)
{
    return text.isEmpty() ? text : QCoreApplication::translate("Lab", text.toUtf8().constData());
}

QString summaryKey(const QString &key)
{
    return QCoreApplication::translate("Summary", key.toUtf8().constData());
}

QString message(const std::string &english)
{
    const QString text = QString::fromStdString(english);
    if (const QString exact = params(text); exact != text)
        return exact;
    // The most specific pattern that matches: "workers × increments must be at
    // most %1" before "%1 must be %2, got %3".
    QString pattern;
    QList<int> order;
    QRegularExpressionMatch m;
    qsizetype bestLiteral = -1;
    for (const std::string &p : usedPatterns()) {
        const QString candidate = QString::fromStdString(p);
        QList<int> candidateOrder;
        const auto cm = patternRegex(candidate, &candidateOrder).match(text);
        const qsizetype literal = candidate.size() - 2 * candidateOrder.size();
        if (cm.hasMatch() && literal > bestLiteral) {
            pattern = candidate;
            order = candidateOrder;
            m = cm;
            bestLiteral = literal;
        }
    }
    if (bestLiteral >= 0) {
        QStringList args(10);
        for (int i = 0; i < order.size(); ++i)
            args[order[i]] = params(m.captured(i + 1)); // "true or false" and the like
        const QString translated = params(pattern);
        QString out;
        for (qsizetype i = 0; i < translated.size(); ++i) {
            const QChar c = translated[i];
            if (c == QLatin1Char('%') && i + 1 < translated.size() &&
                translated[i + 1] >= QLatin1Char('1') && translated[i + 1] <= QLatin1Char('9')) {
                out += args[translated[i + 1].digitValue()];
                ++i;
            } else {
                out += c;
            }
        }
        return out;
    }
    return text;
}

} // namespace proclab::engineText
