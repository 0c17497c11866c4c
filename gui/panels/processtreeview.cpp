#include "processtreeview.h"

#include "processtreedelegate.h"
#include "processtreemodel.h"
#include "timecursor.h"
#include "tracemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace proclab {

ProcessTreeView::ProcessTreeView(QWidget *parent)
    : QWidget(parent), m_tree(new ProcessTreeModel(this)), m_view(new QTreeView(this)),
      m_heading(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("processTree"));
    m_view->setModel(m_tree);
    m_view->setItemDelegate(new ProcessTreeDelegate(m_view));
    m_view->setUniformRowHeights(false);
    m_view->setRootIsDecorated(true);
    m_view->setIndentation(12);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Names are never elided (a re-parent mark must stay readable): the
    // columns fit their contents and the view scrolls sideways if it must.
    m_view->header()->setStretchLastSection(true);
    for (int c = ProcessTreeModel::NameColumn; c < ProcessTreeModel::ColumnCount; ++c)
        m_view->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    // The exit codes are on the timeline (and in its tooltips); the column
    // would push State out of the narrow side column.
    m_view->setColumnHidden(ProcessTreeModel::ExitCodeColumn, true);
    // State right after the name, so a narrow column cuts the pid, never the
    // state (the pid is also on the timeline's lane names).
    m_view->header()->moveSection(ProcessTreeModel::StateColumn, ProcessTreeModel::PidColumn);
    QFont hf = m_heading->font();
    hf.setBold(true);
    m_heading->setFont(hf);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_view, 1);

    connect(m_tree, &QAbstractItemModel::modelReset, this, &ProcessTreeView::afterReset);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const qint64 pid =
                    current.isValid() && !current.data(ProcessTreeModel::IsRunnerRole).toBool()
                        ? current.data(ProcessTreeModel::PidRole).toLongLong()
                        : -1;
                if (pid == m_selectedPid)
                    return;
                m_selectedPid = pid;
                Q_EMIT processSelected(pid);
            });
    updateHeading();
}

void ProcessTreeView::setModel(TraceModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_tree->setSource(model);
    if (m_model)
        connect(m_model, &TraceModel::changed, this, &ProcessTreeView::updateHeading);
    afterReset();
}

void ProcessTreeView::setTimeCursor(TimeCursor *cursor)
{
    connect(cursor, &TimeCursor::moved, this, &ProcessTreeView::showTime);
}

void ProcessTreeView::showTime(double us)
{
    m_tree->setTime(us);
    updateHeading();
}

void ProcessTreeView::selectPid(qint64 pid)
{
    const QModelIndex i = m_tree->indexOfPid(pid);
    if (i.isValid())
        m_view->setCurrentIndex(i);
}

void ProcessTreeView::afterReset()
{
    m_view->expandAll();
    const QModelIndex i = m_selectedPid > 0 ? m_tree->indexOfPid(m_selectedPid) : QModelIndex();
    if (i.isValid()) {
        const QSignalBlocker block(m_view->selectionModel());
        m_view->setCurrentIndex(i);
    }
}

QString ProcessTreeView::headingText() const
{
    if (m_tree->time() >= 0)
        return tr("Processes at %1 s").arg(m_tree->time() / 1e6, 0, 'f', 3);
    if (m_model && m_model->isLive())
        return tr("Processes now (live)");
    return tr("Processes at the end of the run");
}

void ProcessTreeView::updateHeading()
{
    m_heading->setText(headingText());
}

} // namespace proclab
