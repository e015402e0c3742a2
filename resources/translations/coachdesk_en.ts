<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>PreviewDialog</name>
    <message numerus="yes">
        <source>%n rep(s)</source>
        <translation>
            <numerusform>%n rep</numerusform>
            <numerusform>%n reps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n value</numerusform>
            <numerusform>%n values</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message numerus="yes">
        <source> month(s)</source>
        <translation>
            <numerusform> month</numerusform>
            <numerusform> months</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProtectionPage</name>
    <message numerus="yes">
        <source>&amp;Lock after %n idle minute(s)</source>
        <translation>
            <numerusform>&amp;Lock after %n idle minute</numerusform>
            <numerusform>&amp;Lock after %n idle minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The unprotected journal and %n unprotected backup(s) were overwritten with zeros and deleted. On solid-state disks overwriting is not a guarantee that the old data is gone.</source>
        <translation>
            <numerusform>The unprotected journal and %n unprotected backup were overwritten with zeros and deleted. On solid-state disks overwriting is not a guarantee that the old data is gone.</numerusform>
            <numerusform>The unprotected journal and %n unprotected backups were overwritten with zeros and deleted. On solid-state disks overwriting is not a guarantee that the old data is gone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepDialog</name>
    <message numerus="yes">
        <source> day(s)</source>
        <translation>
            <numerusform> day</numerusform>
            <numerusform> days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Team's cadence (%n day(s))</source>
        <translation>
            <numerusform>Team's cadence (%n day)</numerusform>
            <numerusform>Team's cadence (%n days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Team's cadence (a new team: %n day(s))</source>
        <translation>
            <numerusform>Team's cadence (a new team: %n day)</numerusform>
            <numerusform>Team's cadence (a new team: %n days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Usual cadence (%n day(s))</source>
        <translation>
            <numerusform>Usual cadence (%n day)</numerusform>
            <numerusform>Usual cadence (%n days)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepPage</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>From now on, the private notes of meetings held more than %n month(s) ago are deleted: now, and each time coachdesk starts.</source>
        <translation>
            <numerusform>From now on, the private notes of meetings held more than %n month ago are deleted: now, and each time coachdesk starts.</numerusform>
            <numerusform>From now on, the private notes of meetings held more than %n months ago are deleted: now, and each time coachdesk starts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamNumbersWindow</name>
    <message numerus="yes">
        <source>%n cleared</source>
        <translation>
            <numerusform>%n cleared</numerusform>
            <numerusform>%n cleared</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n number(s) saved</source>
        <translation>
            <numerusform>%n number saved</numerusform>
            <numerusform>%n numbers saved</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamsPage</name>
    <message numerus="yes">
        <source> day(s)</source>
        <translation>
            <numerusform> day</numerusform>
            <numerusform> days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>app</name>
    <message numerus="yes">
        <source>Private notes older than your retention rule were cleared in %n meeting(s).</source>
        <translation>
            <numerusform>Private notes older than your retention rule were cleared in %n meeting.</numerusform>
            <numerusform>Private notes older than your retention rule were cleared in %n meetings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>file_actions</name>
    <message numerus="yes">
        <source>%n new team(s)</source>
        <translation>
            <numerusform>%n new team</numerusform>
            <numerusform>%n new teams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rep(s)</source>
        <translation>
            <numerusform>%n rep</numerusform>
            <numerusform>%n reps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>numbers</name>
    <message numerus="yes">
        <source>The pasted block has %n column(s), </source>
        <translation>
            <numerusform>The pasted block has %n column, </numerusform>
            <numerusform>The pasted block has %n columns, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The pasted block has %n row(s), </source>
        <translation>
            <numerusform>The pasted block has %n row, </numerusform>
            <numerusform>The pasted block has %n rows, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>but there is room for %n from the selected cell down.</source>
        <translation>
            <numerusform>but there is room for %n from the selected cell down.</numerusform>
            <numerusform>but there is room for %n from the selected cell down.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>but there is room for %n number column(s) from the selected cell.</source>
        <translation>
            <numerusform>but there is room for %n number column from the selected cell.</numerusform>
            <numerusform>but there is room for %n number columns from the selected cell.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>roster</name>
    <message numerus="yes">
        <source>%n of mine</source>
        <translation>
            <numerusform>%n of mine</numerusform>
            <numerusform>%n of mine</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mine %n</source>
        <translation>
            <numerusform>Mine %n</numerusform>
            <numerusform>Mine %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Theirs %n</source>
        <translation>
            <numerusform>Theirs %n</numerusform>
            <numerusform>Theirs %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>open commitments: %n of theirs</source>
        <translation>
            <numerusform>open commitments: %n of theirs</numerusform>
            <numerusform>open commitments: %n of theirs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>team_grid</name>
    <message numerus="yes">
        <source>%n rep(s)</source>
        <translation>
            <numerusform>%n rep</numerusform>
            <numerusform>%n reps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n replaced </source>
        <translation>
            <numerusform>%n replaced </numerusform>
            <numerusform>%n replaced </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n value</numerusform>
            <numerusform>%n values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n week</numerusform>
            <numerusform>%n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n rep(s), </source>
        <translation>
            <numerusform>(%n rep, </numerusform>
            <numerusform>(%n reps, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n value(s), </source>
        <translation>
            <numerusform>Imported %n value, </numerusform>
            <numerusform>Imported %n values, </numerusform>
        </translation>
    </message>
</context>
</TS>
