#include "parameterform.h"

#include "enginetext.h"
#include "lab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <limits>

namespace proclab {

ParameterForm::ParameterForm(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    outer->addLayout(m_form);
    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b03a00; font-weight: bold;"));
    m_problems->hide();
    outer->addWidget(m_problems);
}

void ParameterForm::setLab(const LabInfo *lab)
{
    m_lab = lab;
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_editors.clear();
    m_presets = nullptr;
    if (!lab)
        return;
    if (!lab->presets.empty()) {
        m_presets = new QComboBox(this);
        m_presets->setObjectName(QStringLiteral("preset"));
        // The titles are sentences: they must not widen the side column.
        m_presets->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        m_presets->setMinimumContentsLength(10);
        m_presets->addItem(QString()); // the lab's defaults; titles come in retranslateUi()
        for (const LabPreset &preset : lab->presets)
            m_presets->addItem(QString(), QString::fromStdString(preset.id));
        connect(m_presets, &QComboBox::activated, this, [this](int index) {
            applyPreset(m_presets->itemData(index).toString());
        });
        m_form->addRow(new QLabel(tr("preset"), this), m_presets);
    }
    for (const ParamSpec &spec : lab->params) {
        const QString name = QString::fromStdString(spec.name);
        QWidget *editor = nullptr;
        switch (spec.type) {
        case ParamType::Int: {
            auto *box = new QSpinBox(this);
            // QSpinBox holds an int; every schema range fits in one.
            box->setRange(int(std::max<std::int64_t>(spec.min, std::numeric_limits<int>::min())),
                          int(std::min<std::int64_t>(spec.max, std::numeric_limits<int>::max())));
            box->setAccelerated(true);
            connect(box, &QSpinBox::valueChanged, this, &ParameterForm::revalidate);
            editor = box;
            break;
        }
        case ParamType::Bool: {
            auto *box = new QCheckBox(this);
            connect(box, &QCheckBox::toggled, this, &ParameterForm::revalidate);
            editor = box;
            break;
        }
        case ParamType::Choice: {
            auto *box = new QComboBox(this);
            for (const auto &c : spec.choices)
                box->addItem(QString::fromStdString(c));
            connect(box, &QComboBox::currentIndexChanged, this, &ParameterForm::revalidate);
            editor = box;
            break;
        }
        }
        editor->setObjectName(name);
        m_form->addRow(new QLabel(name, this), editor);
        m_editors.insert(name, editor);
    }
    retranslateUi();
    resetToDefaults();
}

void ParameterForm::retranslateUi()
{
    if (!m_lab)
        return;
    if (m_presets) {
        m_presets->setItemText(0, tr("(defaults)"));
        for (int i = 1; i < m_presets->count(); ++i)
            m_presets->setItemText(i, engineText::lab(m_lab->presets[std::size_t(i - 1)].title));
        m_presets->setToolTip(tr("Named values for this lab, as the course's own programs use "
                                 "them; change any field afterwards."));
    }
    for (const ParamSpec &spec : m_lab->params) {
        QWidget *editor = m_editors.value(QString::fromStdString(spec.name));
        if (!editor)
            continue;
        const QString help = engineText::lab(spec.help) + QStringLiteral(" (") +
                             engineText::message(spec.allowed()) + QLatin1Char(')');
        editor->setToolTip(help);
        editor->setWhatsThis(help);
        if (QWidget *label = m_form->labelForField(editor))
            label->setToolTip(help);
        if (auto *box = qobject_cast<QSpinBox *>(editor))
            box->setSuffix(spec.unit.empty() ? QString()
                                             : QLatin1Char(' ') + engineText::lab(spec.unit));
    }
}

void ParameterForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        revalidate();
    }
    QWidget::changeEvent(event);
}

void ParameterForm::resetToDefaults()
{
    if (!m_lab)
        return;
    if (m_presets)
        m_presets->setCurrentIndex(0);
    for (const ParamSpec &spec : m_lab->params)
        setValue(QString::fromStdString(spec.name), QString::fromStdString(spec.defaultValue));
    revalidate();
}

void ParameterForm::applyPreset(const QString &id)
{
    if (!m_lab)
        return;
    for (const ParamSpec &spec : m_lab->params)
        setValue(QString::fromStdString(spec.name), QString::fromStdString(spec.defaultValue));
    const LabPreset *preset = m_lab->preset(id.toStdString());
    if (preset)
        for (const auto &[name, value] : preset->values)
            setValue(QString::fromStdString(name), QString::fromStdString(value));
    if (m_presets)
        m_presets->setCurrentIndex(std::max(0, m_presets->findData(id)));
    revalidate();
}

void ParameterForm::setValue(const QString &name, const QString &text)
{
    QWidget *w = m_editors.value(name);
    if (auto *spin = qobject_cast<QSpinBox *>(w))
        spin->setValue(text.toInt());
    else if (auto *check = qobject_cast<QCheckBox *>(w))
        check->setChecked(text == QLatin1String("true"));
    else if (auto *combo = qobject_cast<QComboBox *>(w))
        combo->setCurrentText(text);
}

QMap<QString, QString> ParameterForm::values() const
{
    QMap<QString, QString> out;
    for (auto it = m_editors.begin(); it != m_editors.end(); ++it) {
        if (auto *spin = qobject_cast<QSpinBox *>(it.value()))
            out.insert(it.key(), QString::number(spin->value()));
        else if (auto *check = qobject_cast<QCheckBox *>(it.value()))
            out.insert(it.key(),
                       check->isChecked() ? QStringLiteral("true") : QStringLiteral("false"));
        else if (auto *combo = qobject_cast<QComboBox *>(it.value()))
            out.insert(it.key(), combo->currentText());
    }
    return out;
}

QStringList ParameterForm::problems() const
{
    QStringList out;
    if (!m_lab)
        return {tr("no lab selected")};
    std::map<std::string, std::string> assignments;
    const auto v = values();
    for (auto it = v.begin(); it != v.end(); ++it)
        assignments[it.key().toStdString()] = it.value().toStdString();
    for (const std::string &e : resolveParams(*m_lab, assignments, nullptr))
        out << engineText::message(e);
    return out;
}

void ParameterForm::revalidate()
{
    const QStringList p = problems();
    m_problems->setText(p.join(QLatin1Char('\n')));
    m_problems->setVisible(!p.isEmpty());
    Q_EMIT validityChanged(p.isEmpty());
    Q_EMIT valuesChanged();
}

} // namespace proclab
