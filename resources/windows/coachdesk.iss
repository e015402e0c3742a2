; Windows installer for coachdesk (Inno Setup 6.3 or newer), installed per user: no
; administrator rights, no UAC prompt. Build the bundle first, then compile this script:
;
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller build.spec
;   iscc resources\windows\coachdesk.iss
;
; The version comes from coachdesk.exe's version resource (written by build.spec from the
; package metadata); pass /DAppVersion=X.Y.Z to override it. The result is
; dist\coachdesk-VERSION-windows-setup.exe. The journal lives in the user's data folder
; (%LOCALAPPDATA%\coachdesk), never in the program folder, so uninstalling keeps it.

#define Bundle AddBackslash(SourcePath) + "..\..\dist\coachdesk"
#ifndef AppVersion
  #define AppVersion GetFileProductVersionString(Bundle + "\coachdesk.exe")
#endif

[Setup]
; Never change the AppId: Windows recognises upgrades and the uninstaller by it.
AppId={{9E025ED2-E53A-410C-92FB-3E3F4CECAE43}
AppName=coachdesk
AppVersion={#AppVersion}
AppVerName=coachdesk {#AppVersion}
AppPublisher=coachdesk
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\coachdesk
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Relative paths are from this script's folder.
OutputDir=..\..\dist
OutputBaseFilename=coachdesk-{#AppVersion}-windows-setup
SetupIconFile=..\..\build\icons\coachdesk.ico
UninstallDisplayIcon={app}\coachdesk.exe
UninstallDisplayName=coachdesk
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running coachdesk is asked to close before its files are replaced.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: coachdesk.exe (the app), coachdesk-cli.exe (its console
; twin for the command line) and the _internal folder they share.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle's shared files as a whole.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\coachdesk"; Filename: "{app}\coachdesk.exe"
Name: "{autodesktop}\coachdesk"; Filename: "{app}\coachdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\coachdesk.exe"; Description: "{cm:LaunchProgram,coachdesk}"; Flags: nowait postinstall skipifsilent
