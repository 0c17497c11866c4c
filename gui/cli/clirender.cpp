#include "clirender.h"

#include "clioptions.h"
#include "exporter.h"
#include "labpage.h"
#include "queuedepthchart.h"
#include "racepanel.h"
#include "timelineview.h"
#include "tracemodel.h"
#include "viewrenderer.h"

#include <QCoreApplication>
#include <algorithm>
#include <memory>

namespace proclab::CliRender {

namespace {
} // namespace

void copyRun(const TraceModel &from, TraceModel *to)
{
    to->copyFrom(from); // the same snapshot: nothing is copied but pointers
}

bool writeImages(const TraceModel &run, const CliOptions &options, QString *error)
{
    LabPage page; // the GUI's page, filled with the finished run
    page.setAttribute(Qt::WA_DontShowOnScreen);
    page.setLab(run.labId());
    copyRun(run, page.model());
    const QString status =
        QCoreApplication::translate("CliRender", "Run by proclab-run: %1, %n process(es)", nullptr,
                                    run.rowCount())
            .arg(run.runStatus());
    page.showRun([status] { return status; });

    // The chart and the race panel alone get the whole image; the timeline
    // renders at any size; the page is laid out at the size asked for.
    std::unique_ptr<QWidget> standalone;
    QWidget *view = nullptr;
    QSize size = options.pngSize;
    switch (options.view) {
    case ExportView::Timeline:
        // No --size: as wide as asked, no taller than the lanes need (five
        // processes would leave half of 1600x900 empty on a handout).
        if (!options.sizeGiven)
            size.setHeight(std::clamp(page.timeline()->heightToFit(size.width()), 200,
                                      size.height()));
        ViewRenderer::prepareOffscreen(page, size);
        page.timeline()->fitAll();
        view = page.timeline();
        break;
    case ExportView::Page:
        ViewRenderer::prepareOffscreen(page, options.pngSize);
        page.timeline()->fitAll();
        view = &page;
        break;
    case ExportView::Chart: {
        auto chart = std::make_unique<QueueDepthChart>();
        chart->setAttribute(Qt::WA_DontShowOnScreen);
        chart->setModel(page.model());
        if (!chart->hasQueues()) {
            *error = QCoreApplication::translate(
                         "CliRender",
                         "--view chart: this run of '%1' used no queue, there is no chart to draw")
                         .arg(run.labId());
            return false;
        }
        standalone = std::move(chart);
        break;
    }
    case ExportView::Race: {
        auto race = std::make_unique<RacePanel>();
        race->setAttribute(Qt::WA_DontShowOnScreen);
        race->setModel(page.model());
        if (!race->hasContent()) {
            *error = QCoreApplication::translate(
                         "CliRender",
                         "--view race: this run of '%1' shared no value or file, there is no "
                         "race panel to draw")
                         .arg(run.labId());
            return false;
        }
        standalone = std::move(race);
        break;
    }
    }
    if (standalone) {
        ViewRenderer::prepareOffscreen(*standalone, options.pngSize);
        view = standalone.get();
    }

    if (!options.pngPath.isEmpty() &&
        !Exporter::writeImage(*view, options.pngPath, ImageFormat::Png, options.scale, size,
                              error))
        return false;
    if (!options.svgPath.isEmpty() &&
        !Exporter::writeImage(*view, options.svgPath, ImageFormat::Svg, 1, size, error))
        return false;
    return true;
}

} // namespace proclab::CliRender
