#pragma once
// The GUI's export: File > Export (trace as JSON or CSV; the timeline, the
// queue chart, the race panel or the whole page as PNG, PNG 2x or SVG) and a
// small export button on each view. Asks for a file, writes it through
// Exporter and tells the user how it went: a failed save always ends in a
// message box naming the path and the reason.

#include "exporter.h"
#include "viewrenderer.h"

#include <QObject>
#include <QPointer>

class QMenu;
class QToolButton;
class QWidget;

namespace proclab {

class LabPage;

class ExportActions : public QObject
{
    Q_OBJECT
public:
    // Dialogs and message boxes open over `window`.
    ExportActions(LabPage *page, QWidget *window);

    // Fills File > Export.
    void populate(QMenu *exportMenu);
    // Puts an export button in the top right corner of the timeline, the
    // queue chart and the race panel.
    void attachButtons();

    QWidget *viewWidget(ExportView view) const;
    // Whether `view` has something to show (the chart needs a queue, the
    // race panel shared state).
    bool available(ExportView view) const;

    // The file-dialog filters, in order: PNG, PNG 2x, SVG.
    static QStringList imageFilters();
    static QStringList traceFilters(); // JSON, CSV

    // "timeline", "queue depth chart", ... (translated).
    static QString displayName(ExportView view);

    // Writes without asking (the dialogs end here): the format follows the
    // file's extension (.svg, .png; .csv, .json); a name without one gets the
    // chosen filter's. PNG is 2x with the "for print" filter.
    // Reports the outcome (saved() or failed() and a message box).
    bool saveView(ExportView view, const QString &path, const QString &filter = {});
    bool saveTrace(const QString &path, const QString &filter = {});

public Q_SLOTS:
    void exportViewDialog(ExportView view);
    void exportTraceDialog();

Q_SIGNALS:
    void saved(const QString &message);  // for the status bar
    void failed(const QString &message); // also shown in a message box

private:
    bool report(bool ok, const QString &what, const QString &path, const QString &error);
    QString defaultName(const QString &suffix) const;

    LabPage *m_page;
    QPointer<QWidget> m_window;
};

} // namespace proclab
