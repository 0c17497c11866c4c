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
    if (!m_model || m_model->eventCount() == m_shownEvents)
        return;
    m_shownEvents = m_model->eventCount();
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
    QVector<Line> lines;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const Lane &l = m_model->lane(r);
        if (only && l.pid != only)
            continue;
        for (const Marker &m : l.markers)
            if (m.name == ev::Stdout || m.name == ev::Error)
                lines.push_back(
                    {m.t, QStringLiteral("%1  %2  %3%4")
                              .arg(TimeAxis::formatTime(m.t, 1000), 10)
                              .arg(l.name, -14)
                              .arg(m.name == ev::Error ? tr("ERROR: ") : QString())
                              .arg(m.name == ev::Error
                                       ? engineText::traceMessage(
                                             m.args.value(QStringLiteral("message")).toString())
                                       : m.args.value(QStringLiteral("text")).toString())});
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const Line &a, const Line &b) { return a.t < b.t; });
    QStringList all;
    all.reserve(lines.size());
    for (const Line &l : lines)
        all << l.text;
    m_text->setPlainText(all.join(QLatin1Char('\n')));
    m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
}

} // namespace proclab
