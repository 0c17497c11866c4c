// multiprocessing.sharedctypes.Synchronized.value, traced. CPython generates
// this property in Python (sharedctypes.make_property): take the wrapper's
// lock, read or write the ctypes object, release. This descriptor does the
// same in C and records the access with the value's version (its write count,
// kept in the run's AuxTable), as the C++ runtime's Value does, so the host's
// lost-update analysis finds every lost update of a Python race exactly. Being
// C, it costs about what the generated property costs: the race students
// watch runs at CPython's own speed.
#include "native.h"

#include "tracewriter.h"

namespace proclab::pytrace {

namespace {

PyObject *s_acquire, *s_release, *s_obj, *s_value, *s_key;

bool callMethod(PyObject *obj, PyObject *name)
{
    PyObject *m = PyObject_GetAttr(obj, name);
    if (!m)
        return false;
    PyObject *r = PyObject_CallNoArgs(m);
    Py_DECREF(m);
    Py_XDECREF(r);
    return r != nullptr;
}

// The wrapper's key in the AuxTable, cached on the wrapper (computed once per
// process by the tracer, which also declares the object's name).
bool keyOf(PyObject *wrapper, std::uint64_t *key)
{
    PyObject *k = PyObject_GetAttr(wrapper, s_key);
    if (!k) {
        PyErr_Clear();
        if (!state().valueKey)
            return false;
        k = PyObject_CallFunctionObjArgs(state().valueKey, wrapper, nullptr);
        if (!k) {
            PyErr_Clear();
            return false;
        }
    }
    *key = PyLong_AsUnsignedLongLongMask(k);
    Py_DECREF(k);
    if (PyErr_Occurred()) {
        PyErr_Clear();
        return false;
    }
    return *key != 0;
}

// Called with the wrapper's lock held, so versions and values agree.
void record(PyObject *wrapper, PyObject *value, bool write)
{
    if (!trace::bound() || !PyLong_Check(value))
        return;
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow || (v == -1 && PyErr_Occurred())) {
        PyErr_Clear();
        return;
    }
    std::uint64_t key = 0;
    if (!keyOf(wrapper, &key))
        return;
    AuxTable &aux = state().aux;
    const std::int64_t version = write ? aux.add(key, 1) : aux.get(key);
    writeLocated(write ? RecordKind::Write : RecordKind::Read, 0,
                 packValue(std::int32_t(v), std::uint32_t(version)), std::int64_t(key));
}

// Releases the wrapper's lock, keeping an exception raised before it.
bool release(PyObject *wrapper)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    const bool ok = callMethod(wrapper, s_release);
    if (type) {
        PyErr_Restore(type, value, tb);
        return false;
    }
    return ok;
}

PyObject *descrGet(PyObject *self, PyObject *obj, PyObject *)
{
    if (!obj || obj == Py_None)
        return Py_NewRef(self);
    if (!callMethod(obj, s_acquire))
        return nullptr;
    PyObject *inner = PyObject_GetAttr(obj, s_obj);
    PyObject *v = inner ? PyObject_GetAttr(inner, s_value) : nullptr;
    Py_XDECREF(inner);
    if (v)
        record(obj, v, false);
    if (!release(obj)) {
        Py_XDECREF(v);
        return nullptr;
    }
    return v;
}

int descrSet(PyObject *, PyObject *obj, PyObject *value)
{
    if (!value) {
        PyErr_SetString(PyExc_AttributeError, "can't delete attribute");
        return -1;
    }
    if (!callMethod(obj, s_acquire))
        return -1;
    PyObject *inner = PyObject_GetAttr(obj, s_obj);
    const bool ok = inner && PyObject_SetAttr(inner, s_value, value) == 0;
    Py_XDECREF(inner);
    if (ok)
        record(obj, value, true);
    return release(obj) ? 0 : -1;
}

PyType_Slot descrSlots[] = {
    {Py_tp_descr_get, reinterpret_cast<void *>(descrGet)},
    {Py_tp_descr_set, reinterpret_cast<void *>(descrSet)},
    {Py_tp_doc, const_cast<char *>("Synchronized.value, traced by ProcLab")},
    {0, nullptr},
};

PyType_Spec descrSpec = {"proclab_trace._native.ValueDescriptor", 0, 0, Py_TPFLAGS_DEFAULT,
                         descrSlots};

} // namespace

PyObject *newValueDescriptorType(PyObject *)
{
    s_acquire = PyUnicode_InternFromString("acquire");
    s_release = PyUnicode_InternFromString("release");
    s_obj = PyUnicode_InternFromString("_obj");
    s_value = PyUnicode_InternFromString("value");
    s_key = PyUnicode_InternFromString("_proclab_key");
    return PyType_FromSpec(&descrSpec);
}

} // namespace proclab::pytrace
