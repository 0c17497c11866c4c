#pragma once
// Menus, files and switching labs. Everything else lives in LabPage and the views.

#include <QMainWindow>

namespace proclab {

class WindowLayout;
class ExportActions;
class LabCatalogue;
class LabPage;
class PresentationMode;
class TraceOpener;
struct TraceFile;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    // Panels, projector layout, "timeline only", remembered geometry.
    WindowLayout *windowLayout() const { return m_layout; }
    LabPage *page() const { return m_page; }
    LabCatalogue *catalogue() const { return m_catalogue; }
    ExportActions *exportActions() const { return m_export; }
    PresentationMode *presentation() const { return m_presentation; }

    // Opens a trace file now (the command line); File > Open trace reads on a
    // thread with a progress bar instead (TraceOpener).
    bool openTrace(const QString &path, QString *error);
    TraceOpener *traceOpener() const { return m_opener; }
    // A trace ProcLab exported, or a Python program (opened to be run): shows
    // it; else false with the reason.
    bool openFile(const QString &path, QString *error);
    // A user's Python program: shown and run instead of a lab.
    bool openProgram(const QString &path, QString *error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createMenus();
    void openTraceDialog();
    void showOpened(bool ok, const TraceFile &file, const QString &error);
    void openProgramDialog();
    void chooseInterpreter();

    WindowLayout *m_layout = nullptr;
    bool m_menusBuilt = false;
    LabCatalogue *m_catalogue;
    LabPage *m_page;
    ExportActions *m_export;
    PresentationMode *m_presentation;
    TraceOpener *m_opener;
};

} // namespace proclab
