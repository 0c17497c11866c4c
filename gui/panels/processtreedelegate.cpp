#include "processtreedelegate.h"

#include "eventstyle.h"
#include "processtreemodel.h"

#include <QPainter>

namespace proclab {

ProcessTreeDelegate::ProcessTreeDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QColor ProcessTreeDelegate::stateColour(int state, const QString &waitingIn) const
{
    switch (ProcessState(state)) {
    case ProcessState::Running:
        return m_palette.running;
    case ProcessState::Sleeping:
        return eventstyle::barColour(m_palette, waitingIn);
    case ProcessState::Zombie:
        return m_palette.zombie;
    case ProcessState::Exited:
        return m_palette.exitMark;
    case ProcessState::Reaped:
        return m_palette.reapedMark;
    case ProcessState::NotStarted:
        break;
    }
    return m_palette.other;
}

void ProcessTreeDelegate::initStyleOption(QStyleOptionViewItem *option,
                                          const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == ProcessTreeModel::NameColumn &&
        index.data(ProcessTreeModel::ReparentedRole).toBool()) {
        option->backgroundBrush = QColor(0xf0, 0xe4, 0x42, 150); // Okabe–Ito yellow, light
    }
    if (index.data(ProcessTreeModel::IsRunnerRole).toBool() ||
        index.data(ProcessTreeModel::StateRole).toInt() == int(ProcessState::Reaped) ||
        index.data(ProcessTreeModel::StateRole).toInt() == int(ProcessState::NotStarted))
        option->palette.setColor(QPalette::Text, m_palette.mutedText);
}

QSize ProcessTreeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setHeight(std::max(s.height() + 6, option.fontMetrics.height() + 10));
    if (index.column() == ProcessTreeModel::StateColumn)
        s.setWidth(s.width() + 16);
    return s;
}

void ProcessTreeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    if (index.column() != ProcessTreeModel::StateColumn ||
        index.data(ProcessTreeModel::IsRunnerRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background and selection as usual, then the chip instead of the text.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyledItemDelegate::paint(painter, opt, QModelIndex());
    const int state = index.data(ProcessTreeModel::StateRole).toInt();
    const QColor fill = stateColour(state, index.data(ProcessTreeModel::WaitingInRole).toString());
    const QRect chip = opt.rect.adjusted(3, 3, -3, -3);
    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const QRect box(chip.left(), chip.top(),
                    std::min(chip.width(), fm.horizontalAdvance(text) + 14), chip.height());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool outline =
        state == int(ProcessState::Reaped) || state == int(ProcessState::NotStarted);
    painter->setPen(QPen(fill, outline ? 1.5 : 0));
    painter->setBrush(outline ? QBrush(Qt::white) : QBrush(fill));
    painter->drawRoundedRect(box, 4, 4);
    if (state == int(ProcessState::Zombie)) { // hatched, as on the timeline
        painter->setBrush(QBrush(QColor(255, 255, 255, 120), Qt::BDiagPattern));
        painter->setPen(Qt::NoPen);
        painter->drawRoundedRect(box, 4, 4);
    }
    // White or black, whichever contrasts more with the chip (WCAG).
    const bool darkFill = !outline && TimelinePalette::contrastRatio(Qt::white, fill) >
                                          TimelinePalette::contrastRatio(Qt::black, fill);
    painter->setPen(outline ? fill.darker(130) : (darkFill ? Qt::white : Qt::black));
    painter->setFont(bold);
    painter->drawText(box, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace proclab
