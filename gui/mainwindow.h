#pragma once
// Menus, files and switching labs. Everything else lives in LabPage and the views.

#include <QMainWindow>

namespace proclab {

class LabCatalogue;
class LabPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    LabPage *page() const { return m_page; }
    LabCatalogue *catalogue() const { return m_catalogue; }

    bool openTrace(const QString &path, QString *error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createMenus();
    void exportTrace();
    void exportPng();
    void openTraceDialog();

    LabCatalogue *m_catalogue;
    LabPage *m_page;
};

} // namespace proclab
