#include "queuedepthchart.h"

#include "timecursor.h"
#include "tracemodel.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QGraphicsLineItem>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineSeries>
#include <QMouseEvent>
#include <QTableWidget>
#include <QValueAxis>

namespace proclab {

namespace {

const QColor kDepth(0x00, 0x72, 0xb2);
const QColor kMaxsize(0x33, 0x33, 0x33);
const QColor kPutBlocked(0xf0, 0xe4, 0x42, 150); // as the timeline's wait:put
const QColor kGetBlocked(0xcc, 0x79, 0xa7, 110); // as the timeline's wait:get

// Spans as an area: `top` inside a span, 0 outside (x in seconds).
QList<QPointF> band(const QVector<QueueDepthData::Span> &spans, double top)
{
    QList<QPointF> pts;
    for (const auto &s : spans) {
        pts << QPointF(s.t0 / 1e6, 0) << QPointF(s.t0 / 1e6, top) << QPointF(s.t1 / 1e6, top)
            << QPointF(s.t1 / 1e6, 0);
    }
    return pts;
}

} // namespace

QueueDepthChart::QueueDepthChart(QWidget *parent) : QWidget(parent)
{
    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignTop);
    QFont small = m_chart->legend()->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_chart->legend()->setFont(small);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_x = new QValueAxis;
    m_x->setLabelFormat(QStringLiteral("%.1f s"));
    m_x->setTickCount(7);
    m_y = new QValueAxis;
    m_y->setLabelFormat(QStringLiteral("%d"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);

    auto addArea = [this](const QString &name, const QColor &c) {
        auto *upper = new QLineSeries(this);
        auto *area = new QAreaSeries(upper);
        area->setName(name);
        area->setColor(c);
        area->setBorderColor(Qt::transparent);
        m_chart->addSeries(area);
        area->attachAxis(m_x);
        area->attachAxis(m_y);
        return area;
    };
    m_putBlocked = addArea(QString(), kPutBlocked);
    m_getBlocked = addArea(QString(), kGetBlocked);
    m_maxsize = new QLineSeries;
    m_maxsize->setPen(QPen(kMaxsize, 2, Qt::DashLine));
    m_chart->addSeries(m_maxsize);
    m_maxsize->attachAxis(m_x);
    m_maxsize->attachAxis(m_y);

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMouseTracking(true);
    m_view->viewport()->installEventFilter(this);
    m_cursorLine = new QGraphicsLineItem(m_chart);
    m_cursorLine->setPen(QPen(Qt::black, 1, Qt::DotLine));
    m_cursorLine->setZValue(100);
    m_cursorLine->hide();

    m_totals = new QTableWidget(0, 3, this);
    m_totals->verticalHeader()->hide();
    m_totals->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_totals->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_totals->setMaximumWidth(220);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_totals);

    retranslateUi();
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(100);
    connect(&m_throttle, &QTimer::timeout, this, &QueueDepthChart::refresh);
}

void QueueDepthChart::setModel(TraceModel *model)
{
    m_model = model;
    connect(model, &TraceModel::changed, this, [this] {
        if (m_model && !m_model->isLive())
            refresh(); // the finished run: at once
        else if (!m_throttle.isActive())
            m_throttle.start();
    });
    refresh();
}

void QueueDepthChart::setCursor(TimeCursor *cursor)
{
    m_cursor = cursor;
    connect(cursor, &TimeCursor::moved, this, &QueueDepthChart::placeCursor);
}

void QueueDepthChart::setTimeWindow(double startUs, double endUs)
{
    m_windowStart = startUs;
    m_windowEnd = endUs;
    // While hidden (a lab without a queue, another tab in front) the axis
    // waits: the timeline's window moves at every live update, and each
    // setRange re-lays the chart.
    m_windowPending = !isVisible();
    if (!m_windowPending)
        applyTimeWindow();
}

void QueueDepthChart::applyTimeWindow()
{
    m_windowPending = false;
    if (m_windowEnd > m_windowStart)
        m_x->setRange(m_windowStart / 1e6, m_windowEnd / 1e6);
    placeCursor();
}

void QueueDepthChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_windowPending)
        applyTimeWindow();
}

int QueueDepthChart::plottedPoints() const
{
    int n = 0;
    for (const QLineSeries *s : m_depth)
        n += int(s->count());
    return n;
}

void QueueDepthChart::retranslateUi()
{
    m_putBlocked->setName(tr("put() blocked (full)"));
    m_getBlocked->setName(tr("get() blocked (empty)"));
    m_maxsize->setName(tr("maxsize"));
    m_totals->setHorizontalHeaderLabels({tr("process"), tr("put"), tr("got")});
}

void QueueDepthChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        refresh(); // the queues' series names
    }
    QWidget::changeEvent(event);
}

void QueueDepthChart::refresh()
{
    if (!m_model)
        return;
    m_data = QueueDepthData::from(*m_model);
    // One depth series per queue; points replaced in one batch each time.
    while (m_depth.size() < m_data.queues.size()) {
        auto *s = new QLineSeries;
        s->setPen(QPen(kDepth, 2.5));
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        m_depth.push_back(s);
    }
    double top = 1;
    for (int i = 0; i < m_depth.size(); ++i) {
        if (i >= m_data.queues.size()) {
            m_depth[i]->clear();
            continue;
        }
        const auto &q = m_data.queues[i];
        QList<QPointF> pts;
        pts.reserve(q.steps.size());
        for (const QPointF &p : q.steps)
            pts << QPointF(p.x() / 1e6, p.y());
        m_depth[i]->setName(tr("items in %1").arg(q.name));
        m_depth[i]->replace(pts);
        top = std::max(top, double(q.maxDepth));
    }
    const qint64 maxsize = m_model->params().value(QStringLiteral("maxsize")).toInteger();
    const double end = std::max(1e-3, m_data.end / 1e6);
    if (maxsize > 0) {
        m_maxsize->replace({QPointF(0, double(maxsize)), QPointF(end, double(maxsize))});
        top = std::max(top, double(maxsize));
    } else {
        m_maxsize->clear();
    }
    m_maxsize->setVisible(maxsize > 0);
    const double bandTop = top * 1.1;
    m_putBlocked->upperSeries()->replace(band(m_data.putBlocked, bandTop));
    m_getBlocked->upperSeries()->replace(band(m_data.getBlocked, bandTop));
    m_y->setRange(0, std::ceil(top * 1.15));
    m_y->setTickCount(std::min(11, int(std::ceil(top * 1.15)) + 1));
    if (m_windowEnd <= m_windowStart)
        m_x->setRange(0, end);

    m_totals->setRowCount(int(m_data.totals.size()));
    for (int r = 0; r < m_data.totals.size(); ++r) {
        const auto &t = m_data.totals[r];
        m_totals->setItem(r, 0, new QTableWidgetItem(t.process));
        m_totals->setItem(r, 1, new QTableWidgetItem(QString::number(t.puts)));
        m_totals->setItem(r, 2, new QTableWidgetItem(QString::number(t.gets)));
    }
    const bool has = !m_data.queues.isEmpty();
    if (has != m_hadQueues) {
        m_hadQueues = has;
        Q_EMIT hasQueuesChanged(has);
    }
    placeCursor();
}

void QueueDepthChart::placeCursor()
{
    const double t = m_cursor ? m_cursor->time() : -1;
    if (t < 0) {
        m_cursorLine->hide();
        return;
    }
    const QPointF top = m_chart->mapToPosition(QPointF(t / 1e6, m_y->max()));
    const QPointF bottom = m_chart->mapToPosition(QPointF(t / 1e6, 0));
    const QRectF plot = m_chart->plotArea();
    if (top.x() < plot.left() || top.x() > plot.right()) {
        m_cursorLine->hide();
        return;
    }
    m_cursorLine->setLine(QLineF(top, bottom));
    m_cursorLine->show();
}

bool QueueDepthChart::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && m_cursor) {
        if (event->type() == QEvent::MouseMove) {
            const QPointF scene = m_view->mapToScene(static_cast<QMouseEvent *>(event)->pos());
            const QPointF value = m_chart->mapToValue(m_chart->mapFromScene(scene));
            m_cursor->setTime(
                m_chart->plotArea().contains(m_chart->mapFromScene(scene)) ? value.x() * 1e6 : -1);
        } else if (event->type() == QEvent::Leave) {
            m_cursor->clear();
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace proclab
