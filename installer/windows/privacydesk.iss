; Inno Setup 6 script of the PrivacyDesk installer for Windows 10/11 (x64).
; installer/build.py compiles it after PyInstaller has made the bundle:
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\PrivacyDesk /DOutputDir=dist /DRoot=. ^
;        installer\windows\privacydesk.iss
;
; What it installs: the one-directory bundle into Program Files (all users, asks for
; administrator rights) or into the user's own programs folder (the user's choice), a
; Start-menu entry for the window and one that runs the self-test in a console window,
; and an optional desktop icon. No file association, no service, nothing started at login.
;
; The uninstaller removes exactly the files it installed ([Files], [Icons]) and nothing
; else: the officer's database and its backups live in %LOCALAPPDATA%\PrivacyDesk
; (platformdirs' user data directory), which is never named in [UninstallDelete]. The
; uninstaller says that the data was kept.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef Root
  #define Root "..\.."
#endif
#ifndef SourceDir
  #define SourceDir Root + "\dist\PrivacyDesk"
#endif
#ifndef OutputDir
  #define OutputDir Root + "\dist"
#endif

[Setup]
; AppId identifies the installation for upgrades and the uninstaller: never change it
AppId={{846882B1-D82B-4BF1-8E09-95BD2F37EC1D}
AppName=PrivacyDesk
AppVersion={#AppVersion}
AppVerName=PrivacyDesk {#AppVersion}
AppPublisher=PrivacyDesk
AppCopyright=PrivacyDesk. Bundled components and their licences: Help > About.
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\PrivacyDesk
DefaultGroupName=PrivacyDesk
DisableProgramGroupPage=yes
; all users (admin) by default; the dialog offers "only for me" without admin rights
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6.8 and later need 64-bit Windows 10 1809 or later
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
ChangesAssociations=no
ChangesEnvironment=no
; an upgrade closes a running PrivacyDesk first (its database is closed cleanly)
CloseApplications=yes
SetupIconFile={#Root}\resources\icons\privacydesk.ico
UninstallDisplayIcon={app}\PrivacyDesk.exe
UninstallDisplayName=PrivacyDesk
OutputDir={#OutputDir}
OutputBaseFilename=PrivacyDesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ja"; MessagesFile: "compiler:Languages\Japanese.isl"

[CustomMessages]
en.SelfTest=PrivacyDesk self-test
ja.SelfTest=PrivacyDesk 自己診断
en.DataKept=Your PrivacyDesk data was kept in %1 (the database and its backups). Delete that folder yourself only when you no longer need the records.
ja.DataKept=PrivacyDesk のデータ（データベースとバックアップ）は %1 に残してあります。記録が不要になった場合にのみ、このフォルダーをご自身で削除してください。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole bundle: PrivacyDesk.exe (the window), privacydesk-cli.exe (the command line)
; and _internal\ (Python, Qt, the migrations, the translations, the IPA font and licence)
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\PrivacyDesk"; Filename: "{app}\PrivacyDesk.exe"
Name: "{autoprograms}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k ""{app}\privacydesk-cli.exe"" selftest"; WorkingDir: "{app}"; IconFilename: "{app}\PrivacyDesk.exe"
Name: "{autodesktop}\PrivacyDesk"; Filename: "{app}\PrivacyDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\PrivacyDesk.exe"; Description: "{cm:LaunchProgram,PrivacyDesk}"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] is left out on purpose: the uninstaller deletes only what [Files]
; installed. Never add {localappdata}\PrivacyDesk here: it holds the officer's records.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\PrivacyDesk');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
