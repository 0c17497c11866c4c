// SPDX-License-Identifier: MIT
#include "textboxrecorder.h"

#include <QPaintEngine>
#include <QPainter>

namespace proclab::test {

class TextBoxEngine : public QPaintEngine
{
public:
    explicit TextBoxEngine(TextBoxRecorder *device) : QPaintEngine(AllFeatures), m_device(device)
    {
    }
    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    Type type() const override { return User; }
    void updateState(const QPaintEngineState &) override {}
    // Shapes leave nothing: only text is recorded.
    void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override {}
    void drawImage(const QRectF &, const QImage &, const QRectF &, Qt::ImageConversionFlags) override
    {
    }
    void drawPath(const QPainterPath &) override {}
    void drawPolygon(const QPointF *, int, PolygonDrawMode) override {}
    void drawPolygon(const QPoint *, int, PolygonDrawMode) override {}
    void drawRects(const QRectF *, int) override {}
    void drawRects(const QRect *, int) override {}
    void drawLines(const QLineF *, int) override {}
    void drawLines(const QLine *, int) override {}
    void drawEllipse(const QRectF &) override {}
    void drawPoints(const QPointF *, int) override {}
    void drawTiledPixmap(const QRectF &, const QPixmap &, const QPointF &) override {}

    void drawTextItem(const QPointF &p, const QTextItem &item) override
    {
        const QRectF local(p.x(), p.y() - item.ascent(), item.width(),
                           item.ascent() + item.descent());
        QPainter *painter = this->painter();
        const QRectF whole = painter->transform().mapRect(local);
        QRectF box = whole;
        if (painter->hasClipping())
            box &= painter->transform().mapRect(painter->clipBoundingRect());
        if (box.isEmpty() || item.text().trimmed().isEmpty())
            return;
        m_device->m_boxes.push_back({box, item.text(), whole});
    }

private:
    TextBoxRecorder *m_device;
};

TextBoxRecorder::TextBoxRecorder(QSize size)
    : m_like(size, QImage::Format_ARGB32_Premultiplied),
      m_engine(std::make_unique<TextBoxEngine>(this))
{
}

TextBoxRecorder::~TextBoxRecorder() = default;

QPaintEngine *TextBoxRecorder::paintEngine() const
{
    return m_engine.get();
}

int TextBoxRecorder::metric(PaintDeviceMetric metric) const
{
    switch (metric) {
    case PdmWidth:
        return m_like.width();
    case PdmHeight:
        return m_like.height();
    case PdmWidthMM:
        return m_like.widthMM();
    case PdmHeightMM:
        return m_like.heightMM();
    case PdmNumColors:
        return m_like.colorCount();
    case PdmDepth:
        return m_like.depth();
    case PdmDpiX:
    case PdmPhysicalDpiX:
        return m_like.logicalDpiX();
    case PdmDpiY:
    case PdmPhysicalDpiY:
        return m_like.logicalDpiY();
    case PdmDevicePixelRatio:
        return 1;
    case PdmDevicePixelRatioScaled:
        return int(devicePixelRatioFScale());
    }
    return 0;
}

QVector<TextBox> TextBoxRecorder::boxesIn(const QRectF &area) const
{
    QVector<TextBox> out;
    for (const TextBox &b : m_boxes)
        if (area.contains(b.rect.center()))
            out << b;
    return out;
}

bool TextBoxRecorder::intersect(const TextBox &a, const TextBox &b, double slack)
{
    const QRectF i = a.rect & b.rect;
    return !i.isEmpty() && i.width() > slack && i.height() > slack;
}

QString describe(const TextBox &b)
{
    return QStringLiteral("'%1' (%2,%3 %4x%5)")
        .arg(b.text)
        .arg(b.rect.x(), 0, 'f', 0)
        .arg(b.rect.y(), 0, 'f', 0)
        .arg(b.rect.width(), 0, 'f', 0)
        .arg(b.rect.height(), 0, 'f', 0);
}

} // namespace proclab::test
