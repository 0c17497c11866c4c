#include "native.h"

#include "tracewriter.h"

#include <unordered_map>

namespace proclab::pytrace {

namespace {
// Code object -> file id (0: not the user's). The code objects are kept
// alive (one reference each) so an address can never be reused for another.
std::unordered_map<PyObject *, int> &codeFiles()
{
    static std::unordered_map<PyObject *, int> m;
    return m;
}

// (code object, instruction offset) -> line. Python finds a line by scanning
// the code's line table (thousands of instructions for a long function); a
// loop asks for the same few offsets millions of times.
struct Site
{
    PyObject *code;
    long lasti;
    bool operator==(const Site &o) const { return code == o.code && lasti == o.lasti; }
};
struct SiteHash
{
    std::size_t operator()(const Site &s) const
    {
        return std::hash<const void *>()(s.code) ^ (std::size_t(s.lasti) * 0x9E3779B97F4A7C15ull);
    }
};
std::unordered_map<Site, int, SiteHash> &siteLines()
{
    static std::unordered_map<Site, int, SiteHash> m;
    return m;
}

PyObject *lastiName()
{
    static PyObject *name = PyUnicode_InternFromString("f_lasti");
    return name;
}

int lineOf(PyFrameObject *frame, PyObject *code)
{
    PyObject *lasti = PyObject_GetAttr(reinterpret_cast<PyObject *>(frame), lastiName());
    const long offset = lasti ? PyLong_AsLong(lasti) : -1;
    Py_XDECREF(lasti);
    if (offset < 0) {
        PyErr_Clear();
        return PyFrame_GetLineNumber(frame);
    }
    auto &cache = siteLines();
    const Site site{code, offset}; // `code` is kept alive by codeFiles()
    const auto it = cache.find(site);
    if (it != cache.end())
        return it->second;
    const int line = PyFrame_GetLineNumber(frame);
    cache.emplace(site, line);
    return line;
}

int fileIdOf(PyObject *code)
{
    auto &m = codeFiles();
    const auto it = m.find(code);
    if (it != m.end())
        return it->second;
    int id = 0;
    if (state().fileFilter) {
        PyObject *name = PyObject_GetAttrString(code, "co_filename");
        PyObject *r = name ? PyObject_CallFunctionObjArgs(state().fileFilter, name, nullptr) : nullptr;
        if (r)
            id = int(PyLong_AsLong(r));
        if (PyErr_Occurred())
            PyErr_Clear();
        Py_XDECREF(r);
        Py_XDECREF(name);
    }
    Py_INCREF(code);
    m.emplace(code, id);
    return id;
}
} // namespace

bool userLocation(int *fileId, int *line)
{
    PyObject *frame = reinterpret_cast<PyObject *>(PyEval_GetFrame()); // borrowed
    Py_XINCREF(frame);
    bool found = false;
    for (int depth = 0; frame && frame != Py_None && depth < 24 && !found; ++depth) {
        auto *f = reinterpret_cast<PyFrameObject *>(frame);
        PyObject *code = reinterpret_cast<PyObject *>(PyFrame_GetCode(f));
        const int id = fileIdOf(code);
        if (id != 0) {
            *fileId = id;
            *line = lineOf(f, code);
            Py_DECREF(code);
            found = true;
            break;
        }
        Py_DECREF(code);
        PyObject *back = PyObject_GetAttrString(frame, "f_back");
        Py_DECREF(frame);
        frame = back;
    }
    Py_XDECREF(frame);
    if (PyErr_Occurred())
        PyErr_Clear();
    return found;
}

void writeLocated(RecordKind kind, pid_t lane, std::int64_t a, std::int64_t b,
                  std::string_view text, std::uint64_t tNs)
{
    if (!trace::bound())
        return;
    if (lane == 0)
        lane = trace::boundPid();
    int file = 0, line = 0;
    const bool located = userLocation(&file, &line); // may declare the file: before `t`
    if (tNs == 0)
        tNs = trace::nowNs();
    if (located)
        trace::write(RecordKind::SourceLoc, lane, line, file, {}, tNs);
    trace::write(kind, lane, a, b, text, tNs);
}

} // namespace proclab::pytrace
