#include "exporter.h"

#include "chrometrace.h"
#include "csvtrace.h"
#include "gzipdevice.h"
#include "viewrenderer.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace proclab {

QString Exporter::cannotWrite(const QString &path, const QString &reason)
{
    return QCoreApplication::translate("Exporter", "Cannot write %1: %2").arg(path, reason);
}

bool Exporter::writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isFile() && !info.isDir()) {
        // A device or a pipe (/dev/stdout, /dev/full): written to, never replaced.
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.flush()) {
            *error = cannotWrite(path, f.errorString());
            return false;
        }
        return true;
    }
    QSaveFile f(path); // a regular file: written whole or not at all
    if (!f.open(QIODevice::WriteOnly)) {
        *error = cannotWrite(path, f.errorString());
        return false;
    }
    if (f.write(bytes) != bytes.size() || !f.commit()) {
        *error = cannotWrite(path, f.errorString());
        f.cancelWriting();
        return false;
    }
    return true;
}

bool Exporter::writeStreamed(const QString &path, QString *error,
                             const std::function<bool(QIODevice *, QString *)> &produce)
{
    const bool gzip = path.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive);
    auto through = [&](QIODevice *file) {
        QString why;
        if (!gzip)
            return produce(file, &why) ? QString() : why;
        GzipWriter zip(file);
        if (!zip.open(QIODevice::WriteOnly))
            return zip.errorString();
        if (!produce(&zip, &why))
            return why.isEmpty() ? zip.errorString() : why;
        return zip.finish() ? QString() : zip.errorString();
    };
    const QFileInfo info(path);
    if (info.exists() && !info.isFile() && !info.isDir()) {
        // A device or a pipe (/dev/stdout, /dev/full): written to, never replaced.
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) {
            *error = cannotWrite(path, f.errorString());
            return false;
        }
        const QString why = through(&f);
        if (!why.isEmpty() || !f.flush()) {
            *error = cannotWrite(path, why.isEmpty() ? f.errorString() : why);
            return false;
        }
        return true;
    }
    QSaveFile f(path); // a regular file: written whole or not at all
    if (!f.open(QIODevice::WriteOnly)) {
        *error = cannotWrite(path, f.errorString());
        return false;
    }
    const QString why = through(&f);
    if (!why.isEmpty() || !f.commit()) {
        *error = cannotWrite(path, why.isEmpty() ? f.errorString() : why);
        f.cancelWriting();
        return false;
    }
    return true;
}

bool Exporter::writeTrace(const TraceModel &model, const QString &path, QString *error)
{
    return writeStreamed(path, error, [&](QIODevice *out, QString *why) {
        return ChromeTrace::write(model, out, why);
    });
}

bool Exporter::writeCsv(const TraceModel &model, const QString &path, QString *error)
{
    return writeStreamed(path, error, [&](QIODevice *out, QString *why) {
        return CsvTrace::write(model, out, why);
    });
}

bool Exporter::writeImage(QWidget &view, const QString &path, ImageFormat format, qreal scale,
                          QSize size, QString *error)
{
    if (size.isEmpty())
        size = ViewRenderer::naturalSize(view);
    if (format == ImageFormat::Svg)
        scale = 1;
    const QSize pixels = size * scale;
    if (size.isEmpty() || pixels.width() > kMaxPixels || pixels.height() > kMaxPixels) {
        *error = QCoreApplication::translate(
                     "Exporter", "Image size must be between 1x1 and %1x%1 pixels, got %2x%3")
                     .arg(kMaxPixels)
                     .arg(pixels.width())
                     .arg(pixels.height());
        return false;
    }
    if (scale != 1 && scale != 2) {
        *error = QCoreApplication::translate("Exporter", "The image scale must be 1 or 2, got %1")
                     .arg(scale);
        return false;
    }

    QByteArray bytes;
    if (format == ImageFormat::Svg) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setResolution(view.logicalDpiY()); // fonts as big as on screen and in the PNG
        svg.setTitle(QStringLiteral("ProcLab"));
        svg.setDescription(QCoreApplication::translate("Exporter", "Exported by ProcLab %1")
                               .arg(QStringLiteral(PROCLAB_VERSION)));
        QPainter p;
        if (!p.begin(&svg)) {
            *error = cannotWrite(
                path, QCoreApplication::translate("Exporter", "the SVG could not be drawn"));
            return false;
        }
        ViewRenderer::render(view, p, size);
        p.end();
    } else {
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        if (image.isNull()) {
            *error = cannotWrite(
                path, QCoreApplication::translate("Exporter", "not enough memory for a %1x%2 image")
                          .arg(pixels.width())
                          .arg(pixels.height()));
            return false;
        }
        image.setDevicePixelRatio(scale);
        image.fill(Qt::white);
        {
            QPainter p(&image);
            ViewRenderer::render(view, p, size);
        }
        // Printed, a 2x image keeps the size of the 1x one (set after painting:
        // the resolution also sizes fonts).
        image.setDotsPerMeterX(qRound(image.dotsPerMeterX() * scale));
        image.setDotsPerMeterY(qRound(image.dotsPerMeterY() * scale));
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "png");
        if (!writer.write(image)) {
            *error = cannotWrite(path, writer.errorString());
            return false;
        }
    }
    return writeFile(path, bytes, error);
}

} // namespace proclab
