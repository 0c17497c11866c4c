#include "racepanel.h"

#include "raceoutcome.h"
#include "raceverdict.h"
#include "timeaxis.h"
#include "timelineview.h"
#include "tracemodel.h"

#include <QEvent>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cmath>

namespace proclab {

namespace {
enum ItemRoles
{
    FromRole = Qt::UserRole + 1,
    ToRole
};
} // namespace

RacePanel::RacePanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The export button sits in the top right corner (ExportActions): the
    // verdict and the headline stop before it instead of running under it.
    const int buttonRoom = style()->pixelMetric(QStyle::PM_ToolBarIconSize) + 8;
    m_verdict = new RaceVerdict(this);
    m_verdict->setContentsMargins(0, 0, buttonRoom, 0);
    layout->addWidget(m_verdict);
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("raceHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setContentsMargins(0, 0, buttonRoom, 0);
    layout->addWidget(m_headline);
    m_lost = new QListWidget(this);
    m_lost->setObjectName(QStringLiteral("lostUpdates"));
    m_lost->setWordWrap(true);
    // Up to kMaxListed wrapped lines: laid out a batch per pass of the event
    // loop, not all at once when the run ends (each line is shaped to find
    // its height).
    m_lost->setLayoutMode(QListView::Batched);
    m_lost->setBatchSize(50);
    m_lost->setToolTip(tr("Click a lost update to zoom the timeline to it"));
    layout->addWidget(m_lost, 2);
    m_filesTitle = new QLabel(tr("<b>Shared file over time</b>"), this);
    layout->addWidget(m_filesTitle);
    m_files = new QListWidget(this);
    layout->addWidget(m_files, 1);
    connect(m_lost, &QListWidget::currentRowChanged, this, &RacePanel::zoomTo);
    // A click on the current line (after zooming out) zooms to it again.
    connect(m_lost, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { zoomTo(m_lost->row(item)); });
    hide();
}

void RacePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_lost->setToolTip(tr("Click a lost update to zoom the timeline to it"));
        m_filesTitle->setText(tr("<b>Shared file over time</b>"));
        m_shownKey.clear(); // say the lost updates again
        refresh();
    }
    QWidget::changeEvent(event);
}

void RacePanel::setModel(TraceModel *model)
{
    m_model = model;
    connect(model, &TraceModel::changed, this, &RacePanel::refresh);
    refresh();
}

int RacePanel::listedLostUpdates() const
{
    return m_lost->count();
}

void RacePanel::refresh()
{
    if (!m_model)
        return;
    // Rebuild only when the run's result changed (not at every live batch).
    const QJsonObject s = m_model->summary();
    const QString key = QString::fromUtf8(QJsonDocument(s).toJson(QJsonDocument::Compact)) +
                        QString::number(m_model->eventCount());
    if (key == m_shownKey || m_model->isLive())
        return;
    m_shownKey = key;
    m_lost->clear();
    m_files->clear();

    // Both lists read in time order (every line starts with its time), not
    // lane by lane; the first kMaxListed lost updates are the earliest.
    const RaceOutcome o = RaceOutcome::of(*m_model, kMaxListed);
    const int lostCount = int(std::min<qint64>(o.lostTotal, INT_MAX));
    for (const LostUpdate &u : o.lost) {
        auto *item = new QListWidgetItem(TimeAxis::formatTime(u.overwriterTs, 1000) +
                                         QStringLiteral("  ") + LostUpdates::story(u, *m_model));
        item->setData(FromRole, std::min(u.lostTs, u.readTs));
        item->setData(ToRole, u.overwriterTs);
        m_lost->addItem(item);
    }
    for (const RaceOutcome::FileWrite &w : o.fileWrites)
        m_files->addItem(tr("%1  %2 wrote %3: %4")
                             .arg(TimeAxis::formatTime(w.t, 1000), w.process, w.object)
                             .arg(w.value));
    m_filesTitle->setVisible(m_files->count() > 0);
    m_files->setVisible(m_files->count() > 0);

    // The verdict in large type: what was expected, then what came out, in
    // green when right and in vermillion when not. Only words are translated.
    if (o.verdict == RaceOutcome::Verdict::Counter)
        m_verdict->setVerdict(tr("expected %1").arg(o.expected), tr("got %1").arg(o.actual),
                              o.correct());
    else if (o.verdict == RaceOutcome::Verdict::Tickets)
        m_verdict->setVerdict(tr("%1 ticket(s)").arg(o.tickets), tr("%1 sold").arg(o.sold),
                              o.correct());
    else
        m_verdict->setVerdict({}, {}, true);
    QString headline;
    auto paragraph = [](const QString &text) {
        return QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped());
    };
    if (lostCount > 0)
        headline +=
            paragraph(tr("%n lost update(s) found in the trace%1:", nullptr, lostCount)
                          .arg(lostCount > kMaxListed ? tr(" (the first %1 listed)").arg(kMaxListed)
                                                      : QString()));
    else if (o.anyAccess && o.verdict == RaceOutcome::Verdict::Counter)
        headline += paragraph(tr("No lost update: every write was based on the latest value."));
    m_headline->setText(headline);
    m_lost->setVisible(lostCount > 0);

    const bool has = o.anyAccess;
    if (has != m_hasContent) {
        m_hasContent = has;
        setVisible(has);
        Q_EMIT contentChanged(has);
    }
    if (m_verdict->hasVerdict())
        Q_EMIT verdictShown();
}

void RacePanel::zoomTo(int row)
{
    QListWidgetItem *item = m_lost->item(row);
    if (!item || !m_timeline)
        return;
    const double from = item->data(FromRole).toDouble(), to = item->data(ToRole).toDouble();
    const double margin = std::max(50.0, (to - from) * 0.6);
    m_timeline->setVisibleRange(from - margin, to + margin);
}

} // namespace proclab
