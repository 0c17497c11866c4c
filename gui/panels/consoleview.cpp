#include "consoleview.h"

#include "enginetext.h"
#include "timeaxis.h"
#include "tracemodel.h"

#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace proclab {

ConsoleView::ConsoleView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QComboBox(this);
    m_filter->addItem(tr("All processes"), qint64(0));
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        m_shownEvents = -1;
        refresh();
    });
    layout->addWidget(m_filter);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setMaximumBlockCount(20000);
    layout->addWidget(m_text);
}

void ConsoleView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_filter->setItemText(0, tr("All processes"));
        m_shownEvents = -1;
        refresh();
    }
    QWidget::changeEvent(event);
}

void ConsoleView::setModel(TraceModel *model)
{
    m_model = model;
    connect(model, &TraceModel::changed, this, &ConsoleView::refresh);
    refresh();
}

QString ConsoleView::text() const
{
    return m_text->toPlainText();
}

void ConsoleView::refresh()
{
    if (!m_model)
        return;
    // Only what processes printed (and errors) is shown: rebuild when their
    // number changed, not at every batch of a live run.
    qint64 lines = 0;
    for (int r = 0; r < m_model->rowCount(); ++r)
        lines += m_model->lane(r).textLines;
    const qint64 key = lines * 1000 + m_model->rowCount();
    if (key == m_shownEvents)
        return;
    m_shownEvents = key;
    // Keep the filter's process list in step with the lanes.
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const Lane &l = m_model->lane(r);
        const QString label = QStringLiteral("%1 (pid %2)").arg(l.name).arg(l.pid);
        const int at = m_filter->findData(l.pid);
        if (at < 0)
            m_filter->addItem(label, l.pid);
        else if (m_filter->itemText(at) != label)
            m_filter->setItemText(at, label);
    }
    const qint64 only = m_filter->currentData().toLongLong();
    struct Line
    {
        double t;
        QString text;
    };
    QVector<Line> out;
    const std::uint64_t wanted =
        eventkind::bit(EventKind::Stdout) | eventkind::bit(EventKind::Error);
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const Lane &l = m_model->lane(r);
        if ((only && l.pid != only) || l.textLines == 0)
            continue;
        for (const store::TrackView *v : {&l.tracks.notable, &l.tracks.bulk}) {
            v->forEachBlock(-INFINITY, INFINITY, [&](std::size_t first, std::size_t n,
                                                     const store::BlockSummary &s) {
                if (!(s.mask & wanted))
                    return;
                auto c = v->cursor(first);
                for (std::size_t i = 0; i < n; ++i, c.next()) {
                    const EventKind k = c.kind();
                    if (k != EventKind::Stdout && k != EventKind::Error)
                        continue;
                    const store::Row row = c.row();
                    const QJsonObject a = l.markerArgs(row);
                    out.push_back(
                        {row.t, QStringLiteral("%1  %2  %3%4")
                                    .arg(TimeAxis::formatTime(row.t, 1000), 10)
                                    .arg(l.name, -14)
                                    .arg(k == EventKind::Error ? tr("ERROR: ") : QString())
                                    .arg(k == EventKind::Error
                                             ? engineText::traceMessage(
                                                   a.value(QStringLiteral("message")).toString())
                                             : a.value(QStringLiteral("text")).toString())});
                }
            });
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Line &a, const Line &b) { return a.t < b.t; });
    // The text view keeps the last 20000 lines anyway.
    const qsizetype from = std::max<qsizetype>(0, out.size() - 20000);
    QStringList all;
    all.reserve(out.size() - from);
    for (qsizetype i = from; i < out.size(); ++i)
        all << out[i].text;
    m_text->setPlainText(all.join(QLatin1Char('\n')));
    m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
}

} // namespace proclab
