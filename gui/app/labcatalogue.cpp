#include "labcatalogue.h"

#include "enginetext.h"
#include "labs.h"

#include <QEvent>
#include <QHeaderView>

namespace proclab {
namespace {
constexpr int EnglishRole = Qt::UserRole + 1; // a chapter's English name
}

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
