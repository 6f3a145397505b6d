# install.cmake - what `cmake --install` puts where (GNU layout):
#   include/dsreg/*.h, fields.def    the public headers
#   lib/libdsreg.a (and .so.N)       the library, static and, with
#                                    DSREG_SHARED, shared
#   bin/dsregdiag                    the command-line tool
#   share/man/man1/dsregdiag.1       its manual
#   lib/pkgconfig/dsreg.pc           pkg-config (dsreg-static.pc for the
#                                    archive when both are installed)
#   lib/cmake/dsreg/                 find_package(dsreg CONFIG): dsreg::dsreg
#                                    (shared when built, else static) and
#                                    dsreg::dsreg_static
#   share/doc/dsregdiag/             licences, the third-party notice
include(CMakePackageConfigHelpers)

install(TARGETS ${dsreg_installed} EXPORT dsregTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/dsreg
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h" PATTERN "*.def")
install(FILES ${PROJECT_BINARY_DIR}/include/dsreg/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/dsreg)
install(TARGETS dsregdiag RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/docs/dsregdiag.1
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE
              ${PROJECT_SOURCE_DIR}/THIRD-PARTY-NOTICES.md
              ${PROJECT_SOURCE_DIR}/licenses/LGPL-2.1.txt
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# pkg-config.  A static-only install needs DSREG_STATIC in the consumer's
# flags (on Windows the declarations are dllimport otherwise).
set(DSREG_PC_NAME dsreg)
if(DSREG_SHARED)
  set(DSREG_PC_CFLAGS "")
  set(DSREG_PC_LIBS "-L\${libdir} -ldsreg")
else()
  set(DSREG_PC_CFLAGS " -DDSREG_STATIC")
  set(DSREG_PC_LIBS "-L\${libdir} -ldsreg")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/dsreg.pc.in
               ${PROJECT_BINARY_DIR}/dsreg.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/dsreg.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(DSREG_SHARED)
  set(DSREG_PC_NAME dsreg-static)
  set(DSREG_PC_CFLAGS " -DDSREG_STATIC")
  set(DSREG_PC_LIBS "\${libdir}/${CMAKE_STATIC_LIBRARY_PREFIX}dsreg${CMAKE_STATIC_LIBRARY_SUFFIX}")
  configure_file(${PROJECT_SOURCE_DIR}/cmake/dsreg.pc.in
                 ${PROJECT_BINARY_DIR}/dsreg-static.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/dsreg-static.pc
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endif()

# The CMake package.
set(DSREG_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/dsreg)
install(EXPORT dsregTargets NAMESPACE dsreg:: DESTINATION ${DSREG_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/dsregConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/dsregConfig.cmake
                              INSTALL_DESTINATION ${DSREG_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/dsregConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/dsregConfig.cmake
              ${PROJECT_BINARY_DIR}/dsregConfigVersion.cmake
        DESTINATION ${DSREG_CMAKE_DIR})
