;; The SIMD kernels of src/lib/simd.ts (what each computes is described there).
;; `npm run build:simd` assembles this file into the bytes simd.ts carries, and
;; src/lib/simd.test.ts checks that the two agree. Locals keep wabt's names.
(module
  (type $t0 (func (param i32 i32 i32 i32 i32 i32 i32)))
  (type $t1 (func (param i32 i32 f64 i32)))
  (type $t2 (func (param i32 i32 i32 i32 i32 i32)))
  (type $t3 (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "mem" (memory $env.mem 1))
  (func $tiles (export "tiles") (type $t0) (param $a i32) (param $n8 i32) (param $qq i32) (param $pp i32) (param $b i32) (param $jq i32) (param $jq1 i32)
    (local $l7 i32) (local $l8 i32) (local $l9 i32) (local $l10 i32) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 v128) (local $l20 v128) (local $l21 v128)
    (block $B0
      (loop $L1
        (br_if $B0
          (i32.ge_u
            (local.get $jq)
            (local.get $jq1)))
        (local.set $l11
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l12
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l13
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l14
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l15
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l16
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l17
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l18
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l7
          (local.get $qq))
        (local.set $l8
          (i32.add
            (local.get $pp)
            (i32.mul
              (i32.mul
                (local.get $jq)
                (local.get $b))
              (i32.const 32))))
        (local.set $l9
          (local.get $b))
        (loop $L2
          (local.set $l19
            (v128.load align=1
              (local.get $l8)))
          (local.set $l20
            (v128.load offset=16 align=1
              (local.get $l8)))
          (local.set $l21
            (v128.load64_splat align=1
              (local.get $l7)))
          (local.set $l11
            (f64x2.add
              (local.get $l11)
              (f64x2.mul
                (local.get $l21)
                (local.get $l19))))
          (local.set $l12
            (f64x2.add
              (local.get $l12)
              (f64x2.mul
                (local.get $l21)
                (local.get $l20))))
          (local.set $l21
            (v128.load64_splat offset=8 align=1
              (local.get $l7)))
          (local.set $l13
            (f64x2.add
              (local.get $l13)
              (f64x2.mul
                (local.get $l21)
                (local.get $l19))))
          (local.set $l14
            (f64x2.add
              (local.get $l14)
              (f64x2.mul
                (local.get $l21)
                (local.get $l20))))
          (local.set $l21
            (v128.load64_splat offset=16 align=1
              (local.get $l7)))
          (local.set $l15
            (f64x2.add
              (local.get $l15)
              (f64x2.mul
                (local.get $l21)
                (local.get $l19))))
          (local.set $l16
            (f64x2.add
              (local.get $l16)
              (f64x2.mul
                (local.get $l21)
                (local.get $l20))))
          (local.set $l21
            (v128.load64_splat offset=24 align=1
              (local.get $l7)))
          (local.set $l17
            (f64x2.add
              (local.get $l17)
              (f64x2.mul
                (local.get $l21)
                (local.get $l19))))
          (local.set $l18
            (f64x2.add
              (local.get $l18)
              (f64x2.mul
                (local.get $l21)
                (local.get $l20))))
          (local.set $l7
            (i32.add
              (local.get $l7)
              (i32.const 32)))
          (local.set $l8
            (i32.add
              (local.get $l8)
              (i32.const 32)))
          (br_if $L2
            (local.tee $l9
              (i32.sub
                (local.get $l9)
                (i32.const 1)))))
        (local.set $l10
          (i32.add
            (local.get $a)
            (i32.mul
              (local.get $jq)
              (i32.const 32))))
        (v128.store align=1
          (local.get $l10)
          (f64x2.sub
            (v128.load align=1
              (local.get $l10))
            (local.get $l11)))
        (v128.store offset=16 align=1
          (local.get $l10)
          (f64x2.sub
            (v128.load offset=16 align=1
              (local.get $l10))
            (local.get $l12)))
        (local.set $l10
          (i32.add
            (local.get $l10)
            (local.get $n8)))
        (v128.store align=1
          (local.get $l10)
          (f64x2.sub
            (v128.load align=1
              (local.get $l10))
            (local.get $l13)))
        (v128.store offset=16 align=1
          (local.get $l10)
          (f64x2.sub
            (v128.load offset=16 align=1
              (local.get $l10))
            (local.get $l14)))
        (local.set $l10
          (i32.add
            (local.get $l10)
            (local.get $n8)))
        (v128.store align=1
          (local.get $l10)
          (f64x2.sub
            (v128.load align=1
              (local.get $l10))
            (local.get $l15)))
        (v128.store offset=16 align=1
          (local.get $l10)
          (f64x2.sub
            (v128.load offset=16 align=1
              (local.get $l10))
            (local.get $l16)))
        (local.set $l10
          (i32.add
            (local.get $l10)
            (local.get $n8)))
        (v128.store align=1
          (local.get $l10)
          (f64x2.sub
            (v128.load align=1
              (local.get $l10))
            (local.get $l17)))
        (v128.store offset=16 align=1
          (local.get $l10)
          (f64x2.sub
            (v128.load offset=16 align=1
              (local.get $l10))
            (local.get $l18)))
        (local.set $jq
          (i32.add
            (local.get $jq)
            (i32.const 1)))
        (br $L1))))
  (func $axpy (export "axpy") (type $t1) (param $dst i32) (param $src i32) (param $y f64) (param $pairs i32)
    (local $l4 v128)
    (local.set $l4
      (f64x2.splat
        (local.get $y)))
    (block $B0
      (loop $L1
        (br_if $B0
          (i32.eqz
            (local.get $pairs)))
        (v128.store align=1
          (local.get $dst)
          (f64x2.add
            (v128.load align=1
              (local.get $dst))
            (f64x2.mul
              (local.get $l4)
              (v128.load align=1
                (local.get $src)))))
        (local.set $dst
          (i32.add
            (local.get $dst)
            (i32.const 16)))
        (local.set $src
          (i32.add
            (local.get $src)
            (i32.const 16)))
        (local.set $pairs
          (i32.sub
            (local.get $pairs)
            (i32.const 1)))
        (br $L1))))
  (func $gather8 (export "gather8") (type $t2) (param $colOff i32) (param $colUser i32) (param $colVal i32) (param $W i32) (param $S i32) (param $n i32)
    (local $l6 i32) (local $l7 i32) (local $l8 i32) (local $l9 v128) (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128)
    (block $B0
      (loop $L1
        (br_if $B0
          (i32.eqz
            (local.get $n)))
        (local.set $l6
          (i32.load
            (local.get $colOff)))
        (local.set $l7
          (i32.load offset=4
            (local.get $colOff)))
        (local.set $l9
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l10
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l11
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (local.set $l12
          (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
        (block $B2
          (loop $L3
            (br_if $B2
              (i32.ge_s
                (local.get $l6)
                (local.get $l7)))
            (local.set $l8
              (i32.add
                (local.get $W)
                (i32.shl
                  (i32.load
                    (i32.add
                      (local.get $colUser)
                      (i32.shl
                        (local.get $l6)
                        (i32.const 2))))
                  (i32.const 6))))
            (local.set $l13
              (v128.load64_splat align=1
                (i32.add
                  (local.get $colVal)
                  (i32.shl
                    (local.get $l6)
                    (i32.const 3)))))
            (local.set $l9
              (f64x2.add
                (local.get $l9)
                (f64x2.mul
                  (local.get $l13)
                  (v128.load align=1
                    (local.get $l8)))))
            (local.set $l10
              (f64x2.add
                (local.get $l10)
                (f64x2.mul
                  (local.get $l13)
                  (v128.load offset=16 align=1
                    (local.get $l8)))))
            (local.set $l11
              (f64x2.add
                (local.get $l11)
                (f64x2.mul
                  (local.get $l13)
                  (v128.load offset=32 align=1
                    (local.get $l8)))))
            (local.set $l12
              (f64x2.add
                (local.get $l12)
                (f64x2.mul
                  (local.get $l13)
                  (v128.load offset=48 align=1
                    (local.get $l8)))))
            (local.set $l6
              (i32.add
                (local.get $l6)
                (i32.const 1)))
            (br $L3)))
        (v128.store align=1
          (local.get $S)
          (local.get $l9))
        (v128.store offset=16 align=1
          (local.get $S)
          (local.get $l10))
        (v128.store offset=32 align=1
          (local.get $S)
          (local.get $l11))
        (v128.store offset=48 align=1
          (local.get $S)
          (local.get $l12))
        (local.set $S
          (i32.add
            (local.get $S)
            (i32.const 64)))
        (local.set $colOff
          (i32.add
            (local.get $colOff)
            (i32.const 4)))
        (local.set $n
          (i32.sub
            (local.get $n)
            (i32.const 1)))
        (br $L1))))
  (func $dots (export "dots") (type $t3) (param $dn i32) (param $nd i32) (param $n i32) (param $qp i32) (param $m i32) (param $out i32) (param $offs i32) (param $cols i32) (param $vals i32) (param $pts i32) (param $d i32)
    (local $l11 i32) (local $l12 i32) (local $l13 i32) (local $l14 i32) (local $l15 i32) (local $l16 i32) (local $l17 i32) (local $l18 i32) (local $l19 i32) (local $l20 f64) (local $l21 v128) (local $l22 v128) (local $l23 v128)
    (local.set $l16
      (i32.and
        (local.get $nd)
        (i32.const -4)))
    (local.set $l11
      (i32.const 0))
    (block $B0
      (loop $L1
        (br_if $B0
          (i32.ge_u
            (local.get $l11)
            (local.get $n)))
        (local.set $l14
          (i32.add
            (local.get $dn)
            (i32.shl
              (i32.mul
                (local.get $l11)
                (local.get $nd))
              (i32.const 2))))
        (local.set $l12
          (i32.const 0))
        (block $B2
          (loop $L3
            (br_if $B2
              (i32.ge_u
                (local.get $l12)
                (local.get $m)))
            (local.set $l15
              (i32.add
                (local.get $qp)
                (i32.shl
                  (i32.mul
                    (local.get $l12)
                    (local.get $nd))
                  (i32.const 3))))
            (local.set $l21
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
            (local.set $l22
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
            (local.set $l13
              (i32.const 0))
            (block $B4
              (loop $L5
                (br_if $B4
                  (i32.ge_u
                    (local.get $l13)
                    (local.get $l16)))
                (local.set $l23
                  (v128.load align=1
                    (i32.add
                      (local.get $l14)
                      (i32.shl
                        (local.get $l13)
                        (i32.const 2)))))
                (local.set $l21
                  (f64x2.add
                    (local.get $l21)
                    (f64x2.mul
                      (f64x2.promote_low_f32x4
                        (local.get $l23))
                      (v128.load align=1
                        (i32.add
                          (local.get $l15)
                          (i32.shl
                            (local.get $l13)
                            (i32.const 3)))))))
                (local.set $l22
                  (f64x2.add
                    (local.get $l22)
                    (f64x2.mul
                      (f64x2.promote_low_f32x4
                        (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                          (local.get $l23)
                          (local.get $l23)))
                      (v128.load offset=16 align=1
                        (i32.add
                          (local.get $l15)
                          (i32.shl
                            (local.get $l13)
                            (i32.const 3)))))))
                (local.set $l13
                  (i32.add
                    (local.get $l13)
                    (i32.const 4)))
                (br $L5)))
            (local.set $l20
              (f64x2.extract_lane 0
                (local.get $l21)))
            (block $B6
              (loop $L7
                (br_if $B6
                  (i32.ge_u
                    (local.get $l13)
                    (local.get $nd)))
                (local.set $l20
                  (f64.add
                    (local.get $l20)
                    (f64.mul
                      (f64.promote_f32
                        (f32.load
                          (i32.add
                            (local.get $l14)
                            (i32.shl
                              (local.get $l13)
                              (i32.const 2)))))
                      (f64.load
                        (i32.add
                          (local.get $l15)
                          (i32.shl
                            (local.get $l13)
                            (i32.const 3)))))))
                (local.set $l13
                  (i32.add
                    (local.get $l13)
                    (i32.const 1)))
                (br $L7)))
            (local.set $l20
              (f64.add
                (f64.add
                  (f64.add
                    (local.get $l20)
                    (f64x2.extract_lane 1
                      (local.get $l21)))
                  (f64x2.extract_lane 0
                    (local.get $l22)))
                (f64x2.extract_lane 1
                  (local.get $l22))))
            (local.set $l17
              (i32.add
                (local.get $offs)
                (i32.shl
                  (local.get $l11)
                  (i32.const 2))))
            (local.set $l18
              (i32.load offset=4
                (local.get $l17)))
            (local.set $l17
              (i32.load
                (local.get $l17)))
            (local.set $l19
              (i32.add
                (local.get $pts)
                (i32.shl
                  (i32.mul
                    (local.get $l12)
                    (local.get $d))
                  (i32.const 2))))
            (block $B8
              (loop $L9
                (br_if $B8
                  (i32.ge_s
                    (local.get $l17)
                    (local.get $l18)))
                (local.set $l20
                  (f64.add
                    (local.get $l20)
                    (f64.mul
                      (f64.promote_f32
                        (f32.load
                          (i32.add
                            (local.get $vals)
                            (i32.shl
                              (local.get $l17)
                              (i32.const 2)))))
                      (f64.promote_f32
                        (f32.load
                          (i32.add
                            (local.get $l19)
                            (i32.shl
                              (i32.load
                                (i32.add
                                  (local.get $cols)
                                  (i32.shl
                                    (local.get $l17)
                                    (i32.const 2))))
                              (i32.const 2))))))))
                (local.set $l17
                  (i32.add
                    (local.get $l17)
                    (i32.const 1)))
                (br $L9)))
            (f32.store
              (i32.add
                (local.get $out)
                (i32.shl
                  (i32.add
                    (i32.mul
                      (local.get $l12)
                      (local.get $n))
                    (local.get $l11))
                  (i32.const 2)))
              (f32.demote_f64
                (local.get $l20)))
            (local.set $l12
              (i32.add
                (local.get $l12)
                (i32.const 1)))
            (br $L3)))
        (local.set $l11
          (i32.add
            (local.get $l11)
            (i32.const 1)))
        (br $L1)))))

