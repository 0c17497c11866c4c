#include "labcatalogue.h"

#include "enginetext.h"
#include "labs.h"

#include <QEvent>
#include <QHeaderView>
#include <QPainter>
#include <QApplication>
#include <QStyle>
#include <QStyledItemDelegate>

namespace proclab {
namespace {
constexpr int EnglishRole = Qt::UserRole + 1; // a chapter's English name
constexpr int kMargin = 8;                    // around the text, both sides

// Wraps a name that is wider than its column (words never cut).
class WrappingDelegate : public QStyledItemDelegate
{
public:
    explicit WrappingDelegate(LabCatalogue *view) : QStyledItemDelegate(view), m_view(view) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QFontMetrics fm(opt.font);
        const int width = std::max(40, m_view->textWidth(index));
        const QRect text = fm.boundingRect(QRect(0, 0, width, 10000), Qt::TextWordWrap, opt.text);
        return {text.width() + kMargin, text.height() + 8};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text;
        opt.text.clear();
        // The item's panel, selection and focus without its text: the base
        // class's paint() would fill the text in again from the index and
        // draw it a second time, wrapped at its own width.
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        painter->save();
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(opt.state & QStyle::State_Selected
                                              ? QPalette::HighlightedText
                                              : QPalette::Text));
        painter->drawText(opt.rect.adjusted(kMargin / 2, 0, -kMargin / 2, 0),
                          Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap, text);
        painter->restore();
    }

private:
    LabCatalogue *m_view;
};

int depthOf(const QModelIndex &index)
{
    int depth = 0;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        ++depth;
    return depth;
}
} // namespace

LabCatalogue::LabCatalogue(QWidget *parent) : QTreeWidget(parent)
{
    setHeaderHidden(true);
    setRootIsDecorated(true);
    setMinimumWidth(190);
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    setUniformRowHeights(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setItemDelegate(new WrappingDelegate(this));
    QHash<QString, QTreeWidgetItem *> chapters;
    for (const LabInfo *lab : labs::all()) {
        const QString chapter = QString::fromStdString(lab->chapter);
        QTreeWidgetItem *&group = chapters[chapter];
        if (!group) {
            group = new QTreeWidgetItem(this);
            group->setData(0, EnglishRole, chapter);
            group->setFlags(Qt::ItemIsEnabled);
            QFont f = group->font(0);
            f.setBold(true);
            group->setFont(0, f);
        }
        auto *item = new QTreeWidgetItem(group);
        item->setData(0, Qt::UserRole, QString::fromStdString(lab->id));
    }
    retranslateUi();
    expandAll();
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item && item->data(0, Qt::UserRole).isValid())
            Q_EMIT labSelected(item->data(0, Qt::UserRole).toString());
    });
}

void LabCatalogue::retranslateUi()
{
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        QTreeWidgetItem *item = *it;
        if (const LabInfo *lab = labs::find(item->data(0, Qt::UserRole).toString().toStdString())) {
            item->setText(0, engineText::lab(lab->title));
            item->setToolTip(0, engineText::lab(lab->blurb));
        } else {
            item->setText(0, engineText::lab(item->data(0, EnglishRole).toString().toStdString()));
        }
    }
    doItemsLayout(); // a name in another language may wrap differently
}

int LabCatalogue::textWidth(const QModelIndex &index) const
{
    const int decoration = rootIsDecorated() ? indentation() : 0;
    return viewport()->width() - decoration - indentation() * depthOf(index) - kMargin;
}

void LabCatalogue::resizeEvent(QResizeEvent *event)
{
    QTreeWidget::resizeEvent(event);
    doItemsLayout(); // the rows' heights follow the width
}

void LabCatalogue::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QTreeWidget::changeEvent(event);
}

void LabCatalogue::select(const QString &labId)
{
    for (QTreeWidgetItemIterator it(this); *it; ++it)
        if ((*it)->data(0, Qt::UserRole).toString() == labId)
            setCurrentItem(*it);
}

QString LabCatalogue::currentLab() const
{
    return currentItem() ? currentItem()->data(0, Qt::UserRole).toString() : QString();
}

} // namespace proclab
