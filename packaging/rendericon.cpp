// SPDX-License-Identifier: MIT
// rendericon SVG OUT_DIR SIZE...: renders the icon to OUT_DIR/SIZE.png for each
// size, at build time (Qt's own SVG renderer: no extra tool to install).
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: rendericon SVG OUT_DIR SIZE...\n");
        return 2;
    }
    QSvgRenderer svg(args[1]);
    if (!svg.isValid()) {
        std::fprintf(stderr, "rendericon: cannot read %s\n", qPrintable(args[1]));
        return 1;
    }
    const QDir out(args[2]);
    for (const QString &s : args.mid(3)) {
        const int size = s.toInt();
        if (size < 8 || size > 1024) {
            std::fprintf(stderr, "rendericon: size must be 8-1024, got %s\n", qPrintable(s));
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString file = out.filePath(s + QStringLiteral(".png"));
        if (!image.save(file)) {
            std::fprintf(stderr, "rendericon: cannot write %s\n", qPrintable(file));
            return 1;
        }
    }
    return 0;
}
