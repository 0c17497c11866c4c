#include "summarypanel.h"

#include "enginetext.h"
#include "tracemodel.h"

#include <QEvent>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

namespace proclab {

SummaryPanel::SummaryPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    QFont f = m_status->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    m_status->setFont(f);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_fields = new QFormLayout;
    layout->addLayout(m_fields);
    layout->addStretch(1);
}

void SummaryPanel::setModel(TraceModel *model)
{
    m_model = model;
    connect(model, &TraceModel::changed, this, &SummaryPanel::refresh);
    refresh();
}

void SummaryPanel::setStatus(const QString &status, bool problem)
{
    m_status->setText(status);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b03a00;") : QString());
}

QString SummaryPanel::formatValue(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d, 'f', 1);
    }
    if (v.isString())
        return v.toString();
    if (v.isArray()) {
        // Rows of a measurement (ipc-compare's "methods"): one line each, name
        // first, then only the fields in which the rows differ (what they all
        // share, e.g. the message count when every channel was complete, is
        // no news).
        const QJsonArray rows = v.toArray();
        auto sameInAll = [&rows](const QString &key) {
            for (const QJsonValue &r : rows)
                if (!r.isObject() || r.toObject().value(key) != rows.first().toObject().value(key))
                    return false;
            return rows.size() > 1;
        };
        QStringList lines;
        for (const QJsonValue &item : rows) {
            if (!item.isObject()) {
                lines << formatValue(item);
                continue;
            }
            const QJsonObject o = item.toObject();
            QStringList fields;
            for (auto it = o.begin(); it != o.end(); ++it)
                if (it.key() != QLatin1String("name") && !sameInAll(it.key()))
                    fields << it.key() + QLatin1Char('=') +
                                  (it.value().isDouble() && std::abs(it.value().toDouble()) >= 1000
                                       ? QString::number(qRound64(it.value().toDouble()))
                                       : formatValue(it.value()));
            lines << o.value(QLatin1String("name")).toString() + QLatin1String(": ") +
                         fields.join(QLatin1String(", "));
        }
        return lines.join(QLatin1Char('\n'));
    }
    return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

void SummaryPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_shownKey.clear(); // the keys' labels are in the old language
        refresh();
    }
    QWidget::changeEvent(event);
}

void SummaryPanel::refresh()
{
    if (!m_model)
        return;
    const QJsonObject s = m_model->summary();
    const QString key = QString::fromUtf8(QJsonDocument(s).toJson(QJsonDocument::Compact));
    if (key == m_shownKey)
        return;
    m_shownKey = key;
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    for (auto it = s.begin(); it != s.end(); ++it) {
        auto *value = new QLabel(formatValue(it.value()), this);
        if (it.value().isArray()) {
            // Measurement rows (ipc-compare): plain and wrapped, so the
            // side column keeps its width (their chart has the big numbers).
            value->setWordWrap(true);
        } else {
            QFont f = value->font();
            f.setPointSizeF(f.pointSizeF() * 1.25);
            f.setBold(true);
            value->setFont(f);
        }
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_fields->addRow(engineText::summaryKey(it.key()), value);
    }
}

} // namespace proclab
