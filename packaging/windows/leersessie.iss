; Inno Setup script: Leersessie for one Windows user, without administrator rights.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\leersessie.iss
;
; Expects the PyInstaller bundle in dist\leersessie (pyinstaller packaging\leersessie.spec)
; and writes dist\leersessie-<version>-windows-x64-setup.exe. The release workflow
; (.github/workflows/release.yml) runs both steps.

#ifndef AppVersion
  #error Geef de versie mee: iscc /DAppVersion=0.1.0 leersessie.iss
#endif

[Setup]
; The AppId ties updates and the uninstaller to this app: never change it.
AppId={{3BCF3B20-F8BC-4B07-BEC6-58BB828444D9}
AppName=Leersessie
AppVersion={#AppVersion}
AppVerName=Leersessie {#AppVersion}
AppPublisher=Leersessie
AppComments=Reflectiesessies begeleiden: actieleren, leerreview, teamontwikkelruimte
; Per user: %LOCALAPPDATA%\Programs\Leersessie, no administrator rights asked.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Leersessie
DefaultGroupName=Leersessie
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=leersessie-{#AppVersion}-windows-x64-setup
SetupIconFile=packaging\icons\leersessie.ico
UninstallDisplayIcon={app}\leersessie.exe
UninstallDisplayName=Leersessie
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open Leersessie is asked to close before its files are replaced or removed.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[CustomMessages]
dutch.DataKept=Leersessie is verwijderd.%n%nUw gegevens (sessies, acties, reservekopieën) staan nog in:%n%1%n%nHebt u ze niet meer nodig, verwijder die map dan zelf.
dutch.DesktopIcon=Snelkoppeling op het bureaublad

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "dist\leersessie\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Leersessie"; Filename: "{app}\leersessie.exe"; Comment: "Reflectiesessies begeleiden"
Name: "{autodesktop}\Leersessie"; Filename: "{app}\leersessie.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\leersessie.exe"; Description: "{cm:LaunchProgram,Leersessie}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what setup installed. The data folder
; %APPDATA%\Leersessie (database, backups, own templates) is the user's and stays.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{userappdata}\Leersessie')]),
      mbInformation, MB_OK);
end;
