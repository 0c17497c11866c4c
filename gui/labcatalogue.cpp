#include "labcatalogue.h"

#include "labs.h"

#include <QHeaderView>

namespace proclab {

LabCatalogue::LabCatalogue(QWidget *parent) : QTreeWidget(parent)
{
    setHeaderHidden(true);
    setRootIsDecorated(true);
    setMinimumWidth(190);
    QHash<QString, QTreeWidgetItem *> chapters;
    for (const LabInfo *lab : labs::all()) {
        const QString chapter = QString::fromStdString(lab->chapter);
        QTreeWidgetItem *&group = chapters[chapter];
        if (!group) {
            group = new QTreeWidgetItem(this, {chapter});
            group->setFlags(Qt::ItemIsEnabled);
            QFont f = group->font(0);
            f.setBold(true);
            group->setFont(0, f);
        }
        auto *item = new QTreeWidgetItem(group, {QString::fromStdString(lab->title)});
        item->setData(0, Qt::UserRole, QString::fromStdString(lab->id));
        item->setToolTip(0, QString::fromStdString(lab->blurb));
    }
    expandAll();
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item && item->data(0, Qt::UserRole).isValid())
            Q_EMIT labSelected(item->data(0, Qt::UserRole).toString());
    });
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
