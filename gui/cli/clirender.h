#pragma once
// proclab-run's images: builds the GUI's own LabPage and views offscreen
// (never on a screen), shows the finished run in them and writes --png /
// --svg through Exporter, exactly as the GUI's File > Export does.

#include <QString>

namespace proclab {

struct CliOptions;
class TraceModel;

namespace CliRender {

// Writes the images `options` asks for from `run`; false with `error` set if
// the view has nothing to show or a file could not be written.
bool writeImages(const TraceModel &run, const CliOptions &options, QString *error);

// `to` becomes a copy of `from` (lanes, events, parameters, summary, status).
void copyRun(const TraceModel &from, TraceModel *to);

} // namespace CliRender

} // namespace proclab
