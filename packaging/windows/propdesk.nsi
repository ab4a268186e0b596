; PropDesk Windows installer (NSIS 3, Modern UI 2), Chinese (Simplified) and English.
;
; Installs the PyInstaller one-folder bundle (dist\propdesk\) for all users, with Start-menu and
; desktop shortcuts and an entry in Add/Remove Programs. Installing over an existing copy
; upgrades it in place. User settings live in each user's own config folder
; (%LOCALAPPDATA%\PropDesk\...), never in the install folder: neither upgrade nor uninstall
; touches them.
;
; The office database for every user of this PC: a page of the installer, or on the command line
;     PropDesk-Setup.exe /S /DB=\\fileserver\PropDesk\propdesk.sqlite3
;     PropDesk-Setup.exe /S "/DB=Z:\Prop Desk\propdesk.sqlite3"
;     PropDesk-Setup.exe /S /DB=          (an empty value removes the machine-wide setting)
; It is written as the machine-wide environment variable PROPDESK_DB (HKLM), which PropDesk reads
; before the per-user settings, and announced with WM_SETTINGCHANGE. Without /DB (and with the
; page left as it was) an existing setting is kept.
;
; Compile (packaging/windows/build.ps1 does this; Debian's `makensis` works too):
;     makensis /DSOURCE_DIR=..\..\dist\propdesk /DVERSION=0.1.0 /DOUTFILE=PropDesk-Setup.exe propdesk.nsi
; (on Linux: makensis -DSOURCE_DIR=... ; relative paths are relative to this script.)

Unicode true
ManifestDPIAware true

!ifndef SOURCE_DIR
  !define SOURCE_DIR "..\..\dist\propdesk"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\PropDesk-${VERSION}-Setup.exe"
!endif

!define APP_NAME "PropDesk"
!define APP_EXE "propdesk.exe"
!define PUBLISHER "PropDesk"
!define REG_APP "Software\PropDesk"
!define REG_UNINSTALL "Software\Microsoft\Windows\CurrentVersion\Uninstall\PropDesk"
!define REG_ENV "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
!define DB_VAR "PROPDESK_DB"

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"
!include "WinMessages.nsh"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
InstallDirRegKey HKLM "${REG_APP}" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} Setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

Var DbPath        ; the office database for all users ("" = none)
Var DbOld         ; what HKLM had before this run
Var DbField       ; the page's text box
Var StartMenuDir

; --- pages ------------------------------------------------------------------------------------
!define MUI_ABORTWARNING
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${REG_APP}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
Page custom DatabasePage DatabasePageLeave
!define MUI_STARTMENUPAGE_DEFAULTFOLDER "${APP_NAME}"
!define MUI_STARTMENUPAGE_REGISTRY_ROOT HKLM
!define MUI_STARTMENUPAGE_REGISTRY_KEY "${REG_APP}"
!define MUI_STARTMENUPAGE_REGISTRY_VALUENAME "StartMenuFolder"
!insertmacro MUI_PAGE_STARTMENU Application $StartMenuDir
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"  ; first = default
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString DbTitle ${LANG_SIMPCHINESE} "办公室数据库"
LangString DbTitle ${LANG_ENGLISH} "Office database"
LangString DbSubtitle ${LANG_SIMPCHINESE} "本机所有用户打开的 PropDesk 数据库（可稍后在“文件 → 设置”中更改）。"
LangString DbSubtitle ${LANG_ENGLISH} "The PropDesk database every user of this PC opens (can be changed later in File → Settings)."
LangString DbText ${LANG_SIMPCHINESE} "共享盘上的数据库文件（如 \\fileserver\物业\PropDesk\propdesk.sqlite3 或 Z:\PropDesk\propdesk.sqlite3），或 postgresql:// 地址。留空则每个用户首次启动时自行选择。"
LangString DbText ${LANG_ENGLISH} "The database file on the shared drive (e.g. \\fileserver\PropDesk\propdesk.sqlite3 or Z:\PropDesk\propdesk.sqlite3), or a postgresql:// URL. Leave empty to let each user choose at first start."
LangString DbBrowse ${LANG_SIMPCHINESE} "浏览…"
LangString DbBrowse ${LANG_ENGLISH} "Browse…"
LangString DbFilter ${LANG_SIMPCHINESE} "PropDesk 数据库 (*.sqlite3)|*.sqlite3|所有文件 (*.*)|*.*"
LangString DbFilter ${LANG_ENGLISH} "PropDesk database (*.sqlite3)|*.sqlite3|All files (*.*)|*.*"
LangString MsgRunning ${LANG_SIMPCHINESE} "PropDesk 正在运行。请关闭所有 PropDesk 窗口后点“重试”。"
LangString MsgRunning ${LANG_ENGLISH} "PropDesk is running. Close every PropDesk window, then click Retry."
LangString ShortcutUninstall ${LANG_SIMPCHINESE} "卸载 PropDesk"
LangString ShortcutUninstall ${LANG_ENGLISH} "Uninstall PropDesk"

; --- start-up: language, /DB=, what is installed already ---------------------------------------
Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "PropDesk requires 64-bit Windows. / PropDesk 需要 64 位 Windows。" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  !insertmacro MUI_LANGDLL_DISPLAY
  ReadRegStr $DbOld HKLM "${REG_ENV}" "${DB_VAR}"
  StrCpy $DbPath $DbOld
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DB=" $R1
  ${IfNot} ${Errors}
    StrCpy $DbPath $R1
  ${EndIf}
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; --- the database page --------------------------------------------------------------------------
Function DatabasePage
  !insertmacro MUI_HEADER_TEXT "$(DbTitle)" "$(DbSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateLabel} 0 0 100% 40u "$(DbText)"
  Pop $0
  ${NSD_CreateText} 0 48u 78% 12u "$DbPath"
  Pop $DbField
  ${NSD_CreateButton} 80% 47u 20% 14u "$(DbBrowse)"
  Pop $0
  ${NSD_OnClick} $0 DatabaseBrowse
  nsDialogs::Show
FunctionEnd

Function DatabaseBrowse
  ${NSD_GetText} $DbField $R0
  nsDialogs::SelectFileDialog open "$R0" "$(DbFilter)"
  Pop $R1
  ${If} $R1 != ""
    ${NSD_SetText} $DbField $R1
  ${EndIf}
FunctionEnd

Function DatabasePageLeave
  ${NSD_GetText} $DbField $DbPath
FunctionEnd

; --- install / upgrade in place -----------------------------------------------------------------
Function CloseRunningApp
  ; The running desk locks propdesk.exe: deleting it fails until the person closes PropDesk.
  retry:
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    Delete "$INSTDIR\${APP_EXE}"
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MsgRunning)" /SD IDCANCEL IDRETRY retry
      SetErrorLevel 3
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

Section "PropDesk" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  Call CloseRunningApp
  ; Upgrade: the previous version's program files go; settings are not here, so nothing is lost.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\propdesk-admin.exe"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr HKLM "${REG_APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${REG_APP}" "Version" "${VERSION}"

  ; Shortcuts for every user of the PC.
  !insertmacro MUI_STARTMENU_WRITE_BEGIN Application
    CreateDirectory "$SMPROGRAMS\$StartMenuDir"
    CreateShortCut "$SMPROGRAMS\$StartMenuDir\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"
    CreateShortCut "$SMPROGRAMS\$StartMenuDir\$(ShortcutUninstall).lnk" "$INSTDIR\uninstall.exe"
  !insertmacro MUI_STARTMENU_WRITE_END
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"

  ; Add/Remove Programs.
  WriteRegStr HKLM "${REG_UNINSTALL}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${REG_UNINSTALL}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${REG_UNINSTALL}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${REG_UNINSTALL}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "${REG_UNINSTALL}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${REG_UNINSTALL}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${REG_UNINSTALL}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${REG_UNINSTALL}" "NoModify" 1
  WriteRegDWORD HKLM "${REG_UNINSTALL}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${REG_UNINSTALL}" "EstimatedSize" "$0"

  ; The office database for all users: machine-wide PROPDESK_DB, only when it changed.
  ${If} $DbPath != $DbOld
    ${If} $DbPath == ""
      DeleteRegValue HKLM "${REG_ENV}" "${DB_VAR}"
    ${Else}
      WriteRegStr HKLM "${REG_ENV}" "${DB_VAR}" "$DbPath"
    ${EndIf}
    WriteRegStr HKLM "${REG_APP}" "Database" "$DbPath"  ; what the installer set (uninstall)
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
SectionEnd

; --- uninstall: the program only; user settings, logs and databases stay -----------------------
Section "Uninstall"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\propdesk-admin.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: a portable ini or anything the office put there stays

  !insertmacro MUI_STARTMENU_GETFOLDER Application $StartMenuDir
  Delete "$SMPROGRAMS\$StartMenuDir\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\$StartMenuDir\*.lnk"
  RMDir "$SMPROGRAMS\$StartMenuDir"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  ; The machine-wide database setting goes with the program if the installer made it (one set
  ; otherwise, e.g. by group policy, stays).
  ReadRegStr $0 HKLM "${REG_ENV}" "${DB_VAR}"
  ReadRegStr $1 HKLM "${REG_APP}" "Database"
  ${If} $0 != ""
  ${AndIf} $0 == $1
    DeleteRegValue HKLM "${REG_ENV}" "${DB_VAR}"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
  DeleteRegKey HKLM "${REG_UNINSTALL}"
  DeleteRegKey HKLM "${REG_APP}"
SectionEnd
