// SPDX-License-Identifier: MIT
#include "pagebodypainter.h"

#include <QPaintEngine>
#include <QPainter>
#include <QTextItem>

namespace pw {

// Passes every call to the target painter; text only when its baseline is within the body.
class PageBodyPainter::Engine : public QPaintEngine {
public:
    Engine(QPainter *target, const QRectF &body)
        : QPaintEngine(QPaintEngine::AllFeatures)
        , m_target(target)
        , m_body(body) {}

    bool begin(QPaintDevice *) override {
        m_target->save();
        m_target->resetTransform();
        m_target->setClipRect(m_body);
        return true;
    }
    bool end() override {
        m_target->restore();
        return true;
    }
    Type type() const override { return QPaintEngine::User; }

    void updateState(const QPaintEngineState &s) override {
        const DirtyFlags f = s.state();
        if (f & DirtyPen) m_target->setPen(s.pen());
        if (f & DirtyBrush) m_target->setBrush(s.brush());
        if (f & DirtyBrushOrigin) m_target->setBrushOrigin(s.brushOrigin());
        if (f & DirtyBackground) m_target->setBackground(s.backgroundBrush());
        if (f & DirtyBackgroundMode) m_target->setBackgroundMode(s.backgroundMode());
        if (f & DirtyFont) m_target->setFont(s.font());
        if (f & DirtyHints) m_target->setRenderHints(s.renderHints());
        if (f & DirtyCompositionMode) m_target->setCompositionMode(s.compositionMode());
        if (f & DirtyOpacity) m_target->setOpacity(s.opacity());
        if (f & DirtyTransform) {
            m_transform = s.transform();
            m_target->setTransform(m_transform);
            // The clip is the body, whatever is asked here (the layout asks for no more than the page).
            m_target->setClipRect(m_transform.inverted().mapRect(m_body));
        }
    }

    void drawTextItem(const QPointF &p, const QTextItem &item) override {
        const double baseline = m_transform.map(p).y();
        if (baseline < m_body.top() || baseline > m_body.bottom()) {
            ++m_leftOut;
            return;
        }
        m_target->drawTextItem(p, item);
    }

    void drawRects(const QRectF *rects, int count) override { m_target->drawRects(rects, count); }
    void drawLines(const QLineF *lines, int count) override { m_target->drawLines(lines, count); }
    void drawEllipse(const QRectF &r) override { m_target->drawEllipse(r); }
    void drawPath(const QPainterPath &path) override { m_target->drawPath(path); }
    void drawPoints(const QPointF *points, int count) override { m_target->drawPoints(points, count); }
    void drawPolygon(const QPointF *points, int count, PolygonDrawMode mode) override {
        if (mode == PolylineMode)
            m_target->drawPolyline(points, count);
        else
            m_target->drawPolygon(points, count, mode == WindingMode ? Qt::WindingFill : Qt::OddEvenFill);
    }
    void drawPixmap(const QRectF &r, const QPixmap &pm, const QRectF &sr) override {
        m_target->drawPixmap(r, pm, sr);
    }
    void drawImage(const QRectF &r, const QImage &image, const QRectF &sr,
                   Qt::ImageConversionFlags flags) override {
        m_target->drawImage(r, image, sr, flags);
    }
    void drawTiledPixmap(const QRectF &r, const QPixmap &pm, const QPointF &s) override {
        m_target->drawTiledPixmap(r, pm, s);
    }

    int leftOut() const { return m_leftOut; }

private:
    QPainter *m_target;
    QRectF m_body;
    QTransform m_transform;
    int m_leftOut = 0;
};

PageBodyPainter::PageBodyPainter(QPainter *target, const QRectF &body)
    : m_engine(std::make_unique<Engine>(target, body))
    , m_target(target) {}

PageBodyPainter::~PageBodyPainter() = default;

QPaintEngine *PageBodyPainter::paintEngine() const {
    return m_engine.get();
}

int PageBodyPainter::textLeftOut() const {
    return m_engine->leftOut();
}

int PageBodyPainter::metric(PaintDeviceMetric metric) const {
    QPaintDevice *device = m_target->device();
    switch (metric) {
    case PdmWidth:
        return device->width();
    case PdmHeight:
        return device->height();
    case PdmWidthMM:
        return device->widthMM();
    case PdmHeightMM:
        return device->heightMM();
    case PdmNumColors:
        return device->colorCount();
    case PdmDepth:
        return device->depth();
    case PdmDpiX:
        return device->logicalDpiX();
    case PdmDpiY:
        return device->logicalDpiY();
    case PdmPhysicalDpiX:
        return device->physicalDpiX();
    case PdmPhysicalDpiY:
        return device->physicalDpiY();
    case PdmDevicePixelRatio:
        return 1;
    case PdmDevicePixelRatioScaled:
        return int(QPaintDevice::devicePixelRatioFScale());
    }
    return 0;
}

} // namespace pw
