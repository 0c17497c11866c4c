#pragma once
// Paints the process tree's cells: the state as a chip in the timeline's
// colours (Okabe–Ito; zombie hatched as on the timeline) and a re-parented
// process's name on a highlighted two-line cell.

#include "timelinepalette.h"

#include <QStyledItemDelegate>

namespace proclab {

class ProcessTreeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ProcessTreeDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The chip colour of a state (ProcessState as int, interval while sleeping).
    QColor stateColour(int state, const QString &waitingIn) const;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    TimelinePalette m_palette = TimelinePalette::standard();
};

} // namespace proclab
