#include "repeatcontrol.h"

#include "seriesrunner.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace proclab {

namespace {
QString settingsKey(const QString &labId)
{
    return QStringLiteral("series/runs/") + labId;
}
} // namespace

RepeatControl::RepeatControl(QWidget *parent) : QWidget(parent)
{
    m_button = new QPushButton(this);
    m_button->setObjectName(QStringLiteral("runSeries"));
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("seriesRuns"));
    m_count->setRange(SeriesRunner::kMinRuns, SeriesRunner::kMaxRuns);
    m_count->setValue(kDefaultRuns);
    m_count->setAccelerated(true);
    m_python = new QCheckBox(this);
    m_python->setObjectName(QStringLiteral("seriesCompare"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("seriesNote"));
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_note->hide();
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_button, 1);
    row->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_python);
    layout->addWidget(m_note);
    connect(m_count, &QSpinBox::valueChanged, this, [this](int n) {
        if (!m_labId.isEmpty())
            QSettings().setValue(settingsKey(m_labId), n);
        retranslateUi();
    });
    connect(m_button, &QPushButton::clicked, this, [this] { Q_EMIT runRequested(runs()); });
    retranslateUi();
}

int RepeatControl::rememberedRuns(const QString &labId)
{
    const int n = QSettings().value(settingsKey(labId), kDefaultRuns).toInt();
    return std::clamp(n, SeriesRunner::kMinRuns, SeriesRunner::kMaxRuns);
}

void RepeatControl::setLab(const QString &labId)
{
    m_labId.clear(); // showing the remembered number must not write it back
    m_count->setValue(rememberedRuns(labId));
    m_labId = labId;
    retranslateUi();
}

bool RepeatControl::compareWithPython() const
{
    return m_python->isChecked();
}

void RepeatControl::setPythonOnly(bool on)
{
    m_pythonOnly = on;
    m_python->setEnabled(!on);
    retranslateUi();
}

void RepeatControl::setProgramMode(bool on)
{
    m_programMode = on;
    m_button->setEnabled(!on);
    m_count->setEnabled(!on);
    m_python->setVisible(!on);
    m_note->setVisible(on);
    retranslateUi();
}

int RepeatControl::runs() const
{
    return m_count->value();
}

void RepeatControl::setRuns(int n)
{
    m_count->setValue(n);
}

void RepeatControl::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RepeatControl::retranslateUi()
{
    m_button->setText(tr("Run ×%1").arg(m_count->value()));
    const QString tip = tr("Run the lab %1 times, one run after another with the same "
                           "parameters, and chart how the outcome varies (Distribution tab)")
                            .arg(m_count->value());
    m_button->setToolTip(tip);
    m_python->setText(tr("Compare with Python"));
    m_python->setToolTip(
        m_pythonOnly ? tr("Run as Python is on: Run ×N makes CPython's runs only")
                     : tr("After the lab's runs, run the lab's own Python program (see Notes) "
                          "as many times under CPython and chart both on the same bins"));
    m_note->setText(tr("Run ×N is for labs: ProcLab does not know which number your own "
                       "program is about, so it has no outcome to chart."));
    m_count->setToolTip(tr("How many runs (%1–%2)")
                            .arg(SeriesRunner::kMinRuns)
                            .arg(SeriesRunner::kMaxRuns));
}

} // namespace proclab
