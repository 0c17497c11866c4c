#include "consoleview.h"

#include "enginetext.h"
#include "timeaxis.h"
#include "tracemodel.h"

#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <vector>

namespace proclab {

namespace {
constexpr int kMaxLines = 20000; // older lines leave the top

bool isOutput(EventKind k)
{
    return k == EventKind::Stdout || k == EventKind::Error;
}

// Calls fn(row, error) for a lane's output rows at or after `from`, in time
// order (stdout and error rows live in the lane's notable and bulk tracks;
// blocks without any are skipped by their summaries).
template <typename Fn> void forEachOutput(const Lane &l, double from, Fn fn)
{
    if (l.textLines == 0)
        return;
    const std::uint64_t wanted =
        eventkind::bit(EventKind::Stdout) | eventkind::bit(EventKind::Error);
    std::vector<std::pair<store::Row, bool>> rows;
    for (const store::TrackView *v : {&l.tracks.notable, &l.tracks.bulk}) {
        v->forEachBlock(from, INFINITY,
                        [&](std::size_t first, std::size_t n, const store::BlockSummary &s) {
                            if (!(s.mask & wanted))
                                return;
                            auto c = v->cursor(first);
                            for (std::size_t i = 0; i < n; ++i, c.next()) {
                                const EventKind k = c.kind();
                                if (!isOutput(k))
                                    continue;
                                const store::Row row = c.row();
                                if (row.t >= from)
                                    rows.emplace_back(row, k == EventKind::Error);
                            }
                        });
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto &a, const auto &b) { return a.first.t < b.first.t; });
    for (const auto &[row, error] : rows)
        fn(row, error);
}
} // namespace

ConsoleView::ConsoleView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QComboBox(this);
    m_filter->addItem(tr("All processes"), qint64(0));
    connect(m_filter, &QComboBox::currentIndexChanged, this, &ConsoleView::rebuild);
    layout->addWidget(m_filter);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setMaximumBlockCount(kMaxLines);
    layout->addWidget(m_text);
}

void ConsoleView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_filter->setItemText(0, tr("All processes"));
        rebuild();
    }
    QWidget::changeEvent(event);
}

void ConsoleView::setModel(TraceModel *model)
{
    m_model = model;
    connect(model, &TraceModel::changed, this, &ConsoleView::refresh);
    rebuild();
}

QString ConsoleView::text() const
{
    return m_text->toPlainText();
}

QString ConsoleView::format(const Lane &l, const store::Row &row, bool error) const
{
    const QJsonObject a = l.markerArgs(row);
    return QStringLiteral("%1  %2  %3%4")
        .arg(TimeAxis::formatTime(row.t, 1000), 10)
        .arg(l.name, -14)
        .arg(error ? tr("ERROR: ") : QString())
        .arg(error ? engineText::traceMessage(a.value(QStringLiteral("message")).toString())
                   : a.value(QStringLiteral("text")).toString());
}

void ConsoleView::syncFilter()
{
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const Lane &l = m_model->lane(r);
        const QString label = QStringLiteral("%1 (pid %2)").arg(l.name).arg(l.pid);
        const int at = m_filter->findData(l.pid);
        if (at < 0)
            m_filter->addItem(label, l.pid);
        else if (m_filter->itemText(at) != label)
            m_filter->setItemText(at, label);
    }
}

// Everything again: a new run, another filter, another language.
void ConsoleView::rebuild()
{
    m_seen.clear();
    m_blockTimes.clear();
    m_shownLines = 0;
    m_shownEvents = -1;
    m_text->clear();
    refresh();
}

int ConsoleView::outputLineCount() const
{
    const qint64 only = m_filter->currentData().toLongLong();
    int n = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const Lane &l = m_model->lane(r);
        if (!only || l.pid == only)
            n += int(l.textLines);
    }
    return n;
}

void ConsoleView::refresh()
{
    if (!m_model)
        return;
    const int events = m_model->eventCount();
    if (events < m_shownEvents) { // the model was cleared: a new run
        m_filter->blockSignals(true);
        while (m_filter->count() > 1)
            m_filter->removeItem(m_filter->count() - 1);
        m_filter->blockSignals(false);
        rebuild();
        return;
    }
    const bool live = m_model->isLive();
    const bool runEnded = m_wasLive && !live;
    m_wasLive = live;
    if (events == m_shownEvents && !runEnded)
        return;
    m_shownEvents = events;
    syncFilter();

    // Only the lines after what each lane has shown: its markers are in time order.
    const qint64 only = m_filter->currentData().toLongLong();
    QVector<Line> lines;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const Lane &l = m_model->lane(r);
        if (only && l.pid != only)
            continue;
        Seen &seen = m_seen[l.pid];
        int skipAtT = seen.atT;
        const double from = seen.t;
        forEachOutput(l, from < 0 ? -INFINITY : from, [&](const store::Row &row, bool error) {
            if (row.t == seen.t && skipAtT > 0) {
                --skipAtT;
                return;
            }
            lines.push_back({row.t, format(l, row, error)});
            seen.atT = row.t == seen.t ? seen.atT + 1 : 1;
            seen.t = row.t;
        });
    }
    insert(lines);
    // A line that came in earlier than one its lane had shown (an error
    // recorded on another process's lane) was skipped above: once the run has
    // ended, a different count shows everything again.
    if (runEnded && outputLineCount() != m_shownLines) {
        const int at = m_text->verticalScrollBar()->value();
        rebuild();
        m_text->verticalScrollBar()->setValue(at);
    }
}

void ConsoleView::insert(QVector<Line> &lines)
{
    if (lines.isEmpty())
        return;
    std::stable_sort(lines.begin(), lines.end(),
                     [](const Line &a, const Line &b) { return a.t < b.t; });
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    const int firstVisible = bar->value(); // QPlainTextEdit scrolls by blocks
    int insertedAbove = 0;

    QTextDocument *doc = m_text->document();
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    for (const Line &line : std::as_const(lines)) {
        const int blocks = int(line.text.count(QLatin1Char('\n'))) + 1;
        const int at = int(std::upper_bound(m_blockTimes.begin(), m_blockTimes.end(), line.t) -
                           m_blockTimes.begin());
        if (at == m_blockTimes.size()) {
            cursor.movePosition(QTextCursor::End);
            if (!m_blockTimes.isEmpty())
                cursor.insertBlock();
            cursor.insertText(line.text);
        } else {
            cursor.setPosition(doc->findBlockByNumber(at).position());
            cursor.insertText(line.text);
            cursor.insertBlock();
            if (at < firstVisible)
                insertedAbove += blocks;
        }
        m_blockTimes.insert(at, blocks, line.t);
        ++m_shownLines;
    }
    cursor.endEditBlock();
    // Past kMaxLines the document dropped blocks from the top.
    const int dropped = int(m_blockTimes.size()) - doc->blockCount();
    if (dropped > 0)
        m_blockTimes.remove(0, dropped);

    if (atBottom)
        bar->setValue(bar->maximum());
    else
        bar->setValue(std::max(0, firstVisible + insertedAbove - std::max(dropped, 0)));
}

} // namespace proclab
