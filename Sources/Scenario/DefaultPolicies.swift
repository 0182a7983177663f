/// The default policy set as a scenario `policies` section: the same rules as
/// `PolicySet.default` (a test decodes this and compares), for users to copy and adapt.
public enum DefaultPolicies {
    public static let yaml = #"""
        restricted-classes: [military, key-soe]
        rules:
          - id: CN-3a
            title: Restricted driver sends data out
            source: 2021 restrictions as reported
            explanation: >-
              Restricted driver {driver} sent {bytes} of {category} data from {vin} to {service}
              ({country}), {border}, at {position}{in-zone}
            match: {restricted: true, market: CN, direction: up}
            severity:
              - {when: {cross-border: true}, level: critical}
              - level: watch
          - id: CN-3b
            title: Restricted driver uploads camera data
            source: 2021 restrictions as reported
            explanation: >-
              Restricted driver {driver} uploaded {bytes} of {category} data from {vin} to {service}
              ({country}), {border}, at {position}{in-zone}
            match:
              restricted: true
              market: CN
              category: [camera-clip, sentry-live, cabin-camera]
              direction: up
            severity: high
          - id: CN-3c
            title: Restricted driver inside a military zone
            source: 2021 restrictions as reported
            explanation: >-
              Restricted driver {driver} was inside military zone {zone} in {vin} at {position};
              {bytes} of {category} data went to {service} ({country})
            match: {restricted: true, market: CN, zone-kind: military-zone}
            severity: high
          - id: CN-1
            title: Exterior camera data leaves China or leaves the car un-anonymised
            source: Several Provisions on Automotive Data Security Management (Trial), CAC 2021, Art. 3, 11-12
            explanation: >-
              {bytes} of exterior {category} data ({anonymised}) left {vin} for {service} ({country}),
              {border}, at {position}{in-zone}
            match: {market: CN, category: [camera-clip, sentry-live], direction: up}
            severity:
              - {when: {cross-border: true}, level: critical}
              - {when: {anonymised: false}, level: high}
          - id: CN-2
            title: Location produced inside a sensitive zone leaves the car
            source: Several Provisions on Automotive Data Security Management (Trial), CAC 2021, Art. 3 item 1
            explanation: >-
              {bytes} of location-bearing {category} data produced inside {zone} ({zone-kind})
              left {vin} for {service} ({country}), {border}, at {position}
            match:
              market: CN
              zone-kind: [government-organ, defence-industry, military-zone, seasonal]
              category: [telemetry, navigation, camera-clip]
              direction: up
            severity:
              - {when: {cross-border: true}, level: critical}
              - level: high
          - id: CN-4
            title: Cabin camera data leaves the car
            source: CAAM 2024 requirements; Provisions Art. 6
            explanation: >-
              {bytes} of cabin camera data left {vin} (driver {driver}) for {service} ({country}),
              {border}, at {position}{in-zone}
            match: {market: CN, category: cabin-camera, direction: up}
            severity: critical
          - id: US-1
            title: Precise location from a listed US site reaches China
            source: 28 CFR §202.222, §202.242
            explanation: >-
              {bytes} of precise location ({category}) produced inside listed site {zone} reached
              {service} ({country}) from {vin} at {position}
            match:
              market: US
              zone-kind: us-government-site
              category: [telemetry, navigation, camera-clip]
              direction: up
              country: CN
            severity: critical
          - id: US-3
            title: US car with PRC-linked connectivity software
            source: BIS connected-vehicles rule, 15 CFR 791 subpart D
            explanation: >-
              {vin} (model year {model-year}) runs connectivity software from a PRC-linked supplier;
              it sent {bytes} of {category} data to {service} ({country})
            match: {market: US, min-model-year: 2027, prc-connectivity: true}
            severity: watch
        """#
}
