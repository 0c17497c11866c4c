#include "racepanel.h"

#include "lostupdates.h"
#include "timeaxis.h"
#include "timelineview.h"
#include "tracemodel.h"

#include <QEvent>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
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
}

RacePanel::RacePanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_headline = new QLabel(this);
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::RichText);
    layout->addWidget(m_headline);
    m_lost = new QListWidget(this);
    m_lost->setObjectName(QStringLiteral("lostUpdates"));
    m_lost->setWordWrap(true);
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
    qint64 total = 0;
    const QVector<LostUpdate> lost =
        LostUpdates::earliest(m_model->snapshot(), kMaxListed, &total);
    const int lostCount = int(std::min<qint64>(total, INT_MAX));
    QVector<QPair<double, QString>> fileWrites;
    bool anyAccess = false;
    const std::uint64_t access = eventkind::bit(EventKind::Read) | eventkind::bit(EventKind::Write);
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const Lane &lane = m_model->lane(r);
        anyAccess = anyAccess || (lane.kinds & access);
        if (lane.fileWrites == 0)
            continue;
        // Writes of a file (no version): a few, listed with the value written.
        const store::TrackView &v = lane.tracks.bulk;
        v.forEachBlock(-INFINITY, INFINITY, [&](std::size_t first, std::size_t n,
                                                const store::BlockSummary &s) {
            if (!(s.mask & eventkind::bit(EventKind::Write)))
                return;
            auto c = v.cursor(first);
            for (std::size_t i = 0; i < n; ++i, c.next()) {
                if (c.kind() != EventKind::Write)
                    continue;
                const store::Row row = c.row();
                const QJsonObject a = lane.markerArgs(row);
                if (a.value(QStringLiteral("version")).toInteger() != 0)
                    continue;
                fileWrites.push_back({row.t, tr("%1  %2 wrote %3: %4")
                                                 .arg(TimeAxis::formatTime(row.t, 1000), lane.name,
                                                      a.value(QStringLiteral("object")).toString())
                                                 .arg(a.value(QStringLiteral("value")).toInt())});
            }
        });
    }
    for (const LostUpdate &u : lost) {
        auto *item = new QListWidgetItem(TimeAxis::formatTime(u.overwriterTs, 1000) +
                                         QStringLiteral("  ") + LostUpdates::story(u, *m_model));
        item->setData(FromRole, std::min(u.lostTs, u.readTs));
        item->setData(ToRole, u.overwriterTs);
        m_lost->addItem(item);
    }
    std::stable_sort(fileWrites.begin(), fileWrites.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &w : std::as_const(fileWrites))
        m_files->addItem(w.second);
    m_filesTitle->setVisible(m_files->count() > 0);
    m_files->setVisible(m_files->count() > 0);

    QString headline;
    if (s.contains(QStringLiteral("expected")) && s.contains(QStringLiteral("actual"))) {
        const qint64 expected = s.value(QStringLiteral("expected")).toInteger();
        const qint64 actual = s.value(QStringLiteral("actual")).toInteger();
        headline =
            tr("<div style='font-size:16pt'><b>expected %1</b> · <b style='color:%3'>got "
               "%2</b></div>")
                .arg(expected)
                .arg(actual)
                .arg(actual == expected ? QStringLiteral("#007a5a") : QStringLiteral("#b03a00"));
    } else if (s.contains(QStringLiteral("oversold"))) {
        headline = tr("<div style='font-size:16pt'><b>%1 ticket(s)</b> · <b style='color:%3'>%2 "
                      "sold</b></div>")
                       .arg(s.value(QStringLiteral("tickets")).toInteger())
                       .arg(s.value(QStringLiteral("successes")).toInteger())
                       .arg(s.value(QStringLiteral("oversold")).toInteger() > 0
                                ? QStringLiteral("#b03a00")
                                : QStringLiteral("#007a5a"));
    }
    if (lostCount > 0)
        headline += tr("<p>%n lost update(s) found in the trace%1:</p>", nullptr, lostCount)
                        .arg(lostCount > kMaxListed ? tr(" (the first %1 listed)").arg(kMaxListed)
                                                    : QString());
    else if (anyAccess && s.contains(QStringLiteral("expected")))
        headline += tr("<p>No lost update: every write was based on the latest value.</p>");
    m_headline->setText(headline);
    m_lost->setVisible(lostCount > 0);

    const bool has = anyAccess;
    if (has != m_hasContent) {
        m_hasContent = has;
        setVisible(has);
        Q_EMIT contentChanged(has);
    }
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
