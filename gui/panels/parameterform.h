#pragma once
// The parameter form of one lab, generated from its schema: a spin box per
// integer (its range), a check box per flag, a combo box per choice, each with
// its help. Problems that span fields ("min must not exceed max") are shown
// inline, and valid() tells whether Run may start. A lab's presets (say the
// course's hot-dog version of producer-consumer) are a combo box on top.

#include <QMap>
#include <QString>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;

namespace proclab {

struct LabInfo;

class ParameterForm : public QWidget
{
    Q_OBJECT
public:
    explicit ParameterForm(QWidget *parent = nullptr);

    void setLab(const LabInfo *lab);
    QMap<QString, QString> values() const; // name -> text, every parameter
    void setValue(const QString &name, const QString &text);
    QStringList problems() const; // empty when the values may run
    bool valid() const { return problems().isEmpty(); }
    void resetToDefaults();

    void applyPreset(const QString &id); // the lab's defaults, then the preset's values

Q_SIGNALS:
    void validityChanged(bool valid);
    void valuesChanged(); // any field changed

protected:
    void changeEvent(QEvent *event) override;

private:
    void revalidate();
    void retranslateUi();

    const LabInfo *m_lab = nullptr;
    QFormLayout *m_form;
    QLabel *m_problems;
    QComboBox *m_presets = nullptr; // only for labs that have presets
    QMap<QString, QWidget *> m_editors;
};

} // namespace proclab
