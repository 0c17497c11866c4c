#pragma once
// The labs, grouped by the course chapter they illustrate.

#include <QTreeWidget>

namespace proclab {

class LabCatalogue : public QTreeWidget
{
    Q_OBJECT
public:
    explicit LabCatalogue(QWidget *parent = nullptr);
    void select(const QString &labId);
    QString currentLab() const;

Q_SIGNALS:
    void labSelected(const QString &labId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
};

} // namespace proclab
