#pragma once
// The labs, grouped by the course chapter they illustrate. Names are never
// cut: a long one wraps onto a second line at any width.

#include <QTreeWidget>

namespace proclab {

class LabCatalogue : public QTreeWidget
{
    Q_OBJECT
public:
    explicit LabCatalogue(QWidget *parent = nullptr);
    void select(const QString &labId);
    QString currentLab() const;
    // The width a name may take in the item at `index` (the column less the
    // indentation and the item's margins).
    int textWidth(const QModelIndex &index) const;

Q_SIGNALS:
    void labSelected(const QString &labId);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void retranslateUi();
};

} // namespace proclab
