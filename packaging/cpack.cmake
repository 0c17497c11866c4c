# SPDX-License-Identifier: MIT
# The Debian package: cd build && cpack -G DEB  ->  proclab_<version>_<arch>.deb
# Depends: what dpkg-shlibdeps finds the programs link, plus what they load or
# start at run time (Qt's platform plugins, python3) and the CJK font for zh_CN.
set(PROCLAB_MAINTAINER "ProcLab developers <proclab@example.org>" CACHE STRING
    "The package's Maintainer field: Name <address>")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME proclab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "ProcLab developers")
set(CPACK_PACKAGE_CONTACT "${PROCLAB_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROCLAB_HOMEPAGE}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "visual lab for Python's multiprocessing with real processes")
set(CPACK_PACKAGE_DESCRIPTION
"ProcLab is a desktop lab for learning how processes really behave, written
for courses on Python's multiprocessing. Pick a lab, set its parameters and
press Run: ProcLab starts real child processes (real fork, exec and signals)
and draws what they do, live, on a timeline: start, sleep, join, exit codes,
terminate, daemons, zombies and orphans read from /proc, races, locks, queues,
pipes and managers. Each lab has notes and the Python program it mirrors.

Runs export to PNG, SVG, CSV and Perfetto traces, from the window or headless
with proclab-run. English and Simplified Chinese.")
set(CPACK_STRIP_FILES TRUE)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PROCLAB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROCLAB_HOMEPAGE}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Merged with what dpkg-shlibdeps computes. qt6-qpa-plugins: the xcb (X11) and
# offscreen (proclab-run) platform plugins, loaded at run time, which shlibdeps
# cannot see; qt6-wayland the same for Wayland sessions (X11 via XWayland works
# without it).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, python3, fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_LIST_DIR}/debian/prerm
    ${CMAKE_CURRENT_LIST_DIR}/debian/postinst)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

include(CPack)
